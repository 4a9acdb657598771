using System.Buffers;
using P2C2R.Actors;
using P2C2R.MessagePack;
using P2C2R.Remote.Serialization;

namespace P2C2R.Persistence;

/// <summary>
/// Events and snapshots in the same MessagePack layouts as messages on the wire, from a
/// <see cref="MessageRegistry"/>; the type id stored with each is the type's registered name, so
/// the stored data stays readable when ids are renumbered. Actor refs are refused: a ref names
/// an incarnation that will not exist after a restart, so it has no place in a journal.
/// </summary>
public sealed class RegistryEventSerializer(MessageRegistry registry) : IEventSerializer
{
    /// <summary>Per-thread scratch space: persisting an event allocates only the returned array.</summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? s_scratch;

    private readonly Dictionary<string, MessageType> _byName = registry.Types.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public byte[] Serialize(object value, out string typeId)
    {
        if (!registry.TryGet(value.GetType(), out var type))
        {
            throw new ArgumentException($"{value.GetType().Name} is not in the message registry, so it cannot be persisted");
        }

        var buffer = s_scratch ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = new MessagePackWriter(buffer);
        type.WriteBoxed(ref writer, value, NoRefs.Instance);
        writer.Flush();
        typeId = type.Name;
        return buffer.WrittenSpan.ToArray();
    }

    public object Deserialize(string typeId, byte[] payload)
    {
        if (!_byName.TryGetValue(typeId, out var type))
        {
            throw new InvalidDataException($"the journal holds a {typeId}, which this build does not know");
        }

        var reader = new MessagePackReader(payload);
        return type.ReadBoxed(ref reader, NoRefs.Instance);
    }

    private sealed class NoRefs : WireContext
    {
        public static readonly NoRefs Instance = new();

        public override void WriteRef(ref MessagePackWriter writer, IActorRef? actor) =>
            throw new NotSupportedException("actor refs cannot be persisted");

        public override IActorRef? ReadRef(ref MessagePackReader reader) =>
            throw new NotSupportedException("actor refs cannot be persisted");
    }
}
