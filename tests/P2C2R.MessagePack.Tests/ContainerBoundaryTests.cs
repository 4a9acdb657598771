using System.Buffers;

namespace P2C2R.MessagePack.Tests;

public class ContainerBoundaryTests
{
    [Theory]
    [InlineData(0, 0xa0, 1)]
    [InlineData(31, 0xbf, 1)]
    [InlineData(32, 0xd9, 2)]
    [InlineData(255, 0xd9, 2)]
    [InlineData(256, 0xda, 3)]
    [InlineData(65535, 0xda, 3)]
    [InlineData(65536, 0xdb, 5)]
    [InlineData(1 << 20, 0xdb, 5)]
    public void Strings_take_the_smallest_header(int length, int code, int headerLength)
    {
        var text = new string('x', length);
        var bytes = Bytes.Encode((ref MessagePackWriter w) => w.Write(text));

        Assert.Equal(code, bytes[0]);
        Assert.Equal(length + headerLength, bytes.Length);
        Assert.Equal(text, new MessagePackReader(Bytes.Segmented(bytes, 4096)).ReadString());
    }

    [Fact]
    public void Multibyte_text_round_trips_and_counts_bytes_not_chars()
    {
        var text = "ĥéllo wörld — 世界 🎮" + new string('é', 40);
        var bytes = Bytes.Encode((ref MessagePackWriter w) => w.Write(text));

        Assert.Equal(text, new MessagePackReader(Bytes.Segmented(bytes, 3)).ReadString());
    }

    [Fact]
    public void Null_string_is_nil()
    {
        var bytes = Bytes.Encode((ref MessagePackWriter w) => w.Write((string?)null));

        Assert.Equal([0xc0], bytes);
        Assert.Null(new MessagePackReader(bytes).ReadString());
    }

    [Theory]
    [InlineData(0, 0xc4, 2)]
    [InlineData(255, 0xc4, 2)]
    [InlineData(256, 0xc5, 3)]
    [InlineData(65535, 0xc5, 3)]
    [InlineData(65536, 0xc6, 5)]
    [InlineData(1 << 22, 0xc6, 5)]
    public void Binary_takes_the_smallest_header_and_reads_without_copying(int length, int code, int headerLength)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        var bytes = Bytes.Encode((ref MessagePackWriter w) => w.WriteBinary(data));

        Assert.Equal(code, bytes[0]);
        Assert.Equal(length + headerLength, bytes.Length);
        var reader = new MessagePackReader(bytes.AsMemory());
        var slice = reader.ReadBinary();
        Assert.Equal(data, slice.ToArray());
        if (length > 0)
        {
            Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(slice.First, out var segment));
            Assert.Same(bytes, segment.Array);
        }
    }

    [Theory]
    [InlineData(0, 0x90, 1)]
    [InlineData(15, 0x9f, 1)]
    [InlineData(16, 0xdc, 3)]
    [InlineData(65535, 0xdc, 3)]
    [InlineData(65536, 0xdd, 5)]
    public void Arrays_take_the_smallest_header(int count, int code, int headerLength)
    {
        var bytes = Bytes.Encode((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(count);
            for (var i = 0; i < count; i++)
            {
                w.Write(i & 0x7f);
            }
        });

        Assert.Equal(code, bytes[0]);
        Assert.Equal(count + headerLength, bytes.Length);
        var reader = new MessagePackReader(bytes);
        Assert.Equal(count, reader.ReadArrayHeader());
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(i & 0x7f, reader.ReadInt32());
        }

        Assert.True(reader.End);
    }

    [Theory]
    [InlineData(0, 0x80, 1)]
    [InlineData(15, 0x8f, 1)]
    [InlineData(16, 0xde, 3)]
    [InlineData(65535, 0xde, 3)]
    [InlineData(65536, 0xdf, 5)]
    public void Maps_take_the_smallest_header(int count, int code, int headerLength)
    {
        var bytes = Bytes.Encode((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(count);
            for (var i = 0; i < count; i++)
            {
                w.Write(i & 0x7f);
                w.Write(i % 2 == 0);
            }
        });

        Assert.Equal(code, bytes[0]);
        Assert.Equal((count * 2) + headerLength, bytes.Length);
        var reader = new MessagePackReader(bytes);
        Assert.Equal(count, reader.ReadMapHeader());
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(i & 0x7f, reader.ReadInt32());
            Assert.Equal(i % 2 == 0, reader.ReadBoolean());
        }
    }

    [Theory]
    [InlineData(1, 0xd4)]
    [InlineData(2, 0xd5)]
    [InlineData(4, 0xd6)]
    [InlineData(8, 0xd7)]
    [InlineData(16, 0xd8)]
    [InlineData(0, 0xc7)]
    [InlineData(3, 0xc7)]
    [InlineData(255, 0xc7)]
    [InlineData(256, 0xc8)]
    [InlineData(65535, 0xc8)]
    [InlineData(65536, 0xc9)]
    public void Extensions_take_the_smallest_header(int length, int code)
    {
        var payload = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        var bytes = Bytes.Encode((ref MessagePackWriter w) => w.WriteExtension(42, payload));

        Assert.Equal(code, bytes[0]);
        var reader = new MessagePackReader(Bytes.Segmented(bytes, 7));
        var data = reader.ReadExtension(out var type);
        Assert.Equal(42, type);
        Assert.Equal(payload, data.ToArray());
    }

    [Fact]
    public void Floats_keep_their_width_and_bits()
    {
        double[] doubles = [0.0, -0.0, 1.5, double.Epsilon, double.MaxValue, double.NegativeInfinity, double.NaN, Math.PI];
        foreach (var value in doubles)
        {
            var bytes = Bytes.Encode((ref MessagePackWriter w) => w.Write(value));
            Assert.Equal(0xcb, bytes[0]);
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(new MessagePackReader(bytes).ReadDouble()));
        }

        var single = Bytes.Encode((ref MessagePackWriter w) => w.Write(3.25f));
        Assert.Equal(0xca, single[0]);
        Assert.Equal(3.25f, new MessagePackReader(single).ReadSingle());
        Assert.Equal(3.25, new MessagePackReader(single).ReadDouble());
    }
}
