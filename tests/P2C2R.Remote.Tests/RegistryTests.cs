using P2C2R.MessagePack;
using P2C2R.Remote.Serialization;

namespace P2C2R.Remote.Tests;

public class RegistryTests
{
    private sealed record A(int X);

    private sealed record B(int X);

    private static ArrayFormatter<T> Formatter<T>(Func<int, T> create, Func<T, int> read) =>
        new(1, (ref MessagePackWriter w, T v, WireContext _) => w.Write(read(v)), (ref MessagePackReader r, WireContext _) => create(r.ReadInt32()));

    [Fact]
    public void A_clashing_id_fails_at_start_up_naming_both_types()
    {
        var builder = new MessageRegistryBuilder().Add(200, "a", Formatter(x => new A(x), a => a.X));

        var error = Assert.Throws<InvalidOperationException>(() => builder.Add(200, "b", Formatter(x => new B(x), b => b.X)));

        Assert.Contains("B (#200, b) clashes with a (#200, A)", error.Message);
    }

    [Fact]
    public void A_clashing_name_or_type_fails_too()
    {
        var builder = new MessageRegistryBuilder().Add(200, "a", Formatter(x => new A(x), a => a.X));

        Assert.Throws<InvalidOperationException>(() => builder.Add(201, "a", Formatter(x => new B(x), b => b.X)));
        Assert.Throws<InvalidOperationException>(() => builder.Add(202, "a2", Formatter(x => new A(x), a => a.X)));
    }

    [Fact]
    public void The_application_catalog_may_not_take_the_runtime_ids()
    {
        Assert.Throws<InvalidOperationException>(() => MessageRegistry.Create(new Catalog(10)));
        Assert.NotNull(MessageRegistry.Create(new Catalog(100)));
    }

    [Fact]
    public void Every_registered_type_is_found_by_id_and_by_type()
    {
        foreach (var type in TestMessages.Registry.Types)
        {
            Assert.True(TestMessages.Registry.TryGet(type.Id, out var byId));
            Assert.True(TestMessages.Registry.TryGet(type.ClrType, out var byType));
            Assert.Same(byId, byType);
        }

        Assert.False(TestMessages.Registry.TryGet(9999, out _));
    }

    [Fact]
    public void Readers_skip_fields_added_by_a_newer_sender()
    {
        var formatter = Formatter(x => new A(x), a => a.X);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(3);
        writer.Write(7);
        writer.Write("a field from the future");
        writer.WriteMapHeader(0);
        writer.Write(99);
        writer.Flush();

        var reader = new MessagePackReader(buffer.WrittenMemory);
        Assert.Equal(new A(7), formatter.Read(ref reader, null!));
        Assert.Equal(99, reader.ReadInt32());
    }

    private sealed class Catalog(int id) : IMessageCatalog
    {
        public void Register(MessageRegistryBuilder builder) => builder.Add(id, "clash", Formatter(x => new A(x), a => a.X));
    }
}
