namespace P2C2R.MessagePack.Tests;

public class IntegerBoundaryTests
{
    [Theory]
    [InlineData(0L, 0x00, 1)]
    [InlineData(127L, 0x7f, 1)]
    [InlineData(128L, 0xcc, 2)]
    [InlineData(255L, 0xcc, 2)]
    [InlineData(256L, 0xcd, 3)]
    [InlineData(65535L, 0xcd, 3)]
    [InlineData(65536L, 0xce, 5)]
    [InlineData(4294967295L, 0xce, 5)]
    [InlineData(4294967296L, 0xcf, 9)]
    [InlineData(long.MaxValue, 0xcf, 9)]
    [InlineData(-1L, 0xff, 1)]
    [InlineData(-32L, 0xe0, 1)]
    [InlineData(-33L, 0xd0, 2)]
    [InlineData(-128L, 0xd0, 2)]
    [InlineData(-129L, 0xd1, 3)]
    [InlineData(-32768L, 0xd1, 3)]
    [InlineData(-32769L, 0xd2, 5)]
    [InlineData(-2147483648L, 0xd2, 5)]
    [InlineData(-2147483649L, 0xd3, 9)]
    [InlineData(long.MinValue, 0xd3, 9)]
    public void Signed_values_take_the_smallest_format_and_round_trip(long value, int code, int length)
    {
        var bytes = Bytes.Encode((ref MessagePackWriter w) => w.Write(value));

        Assert.Equal(code, bytes[0]);
        Assert.Equal(length, bytes.Length);
        var reader = new MessagePackReader(bytes);
        Assert.Equal(value, reader.ReadInt64());
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData(ulong.MaxValue)]
    [InlineData((ulong)long.MaxValue + 1)]
    [InlineData(4294967296UL)]
    [InlineData(4294967295UL)]
    public void Unsigned_64_bit_values_round_trip(ulong value)
    {
        var bytes = Bytes.Encode((ref MessagePackWriter w) => w.Write(value));

        Assert.Equal(value, new MessagePackReader(bytes).ReadUInt64());
    }

    [Fact]
    public void Uint64_above_Int64_range_is_refused_as_Int64_with_its_offset()
    {
        var bytes = Bytes.Encode((ref MessagePackWriter w) => { w.WriteArrayHeader(1); w.Write(ulong.MaxValue); });
        var reader = new MessagePackReader(bytes);
        reader.ReadArrayHeader();

        long offset = -1;
        try
        {
            reader.ReadInt64();
        }
        catch (WireFormatException e)
        {
            offset = e.Offset;
        }

        Assert.Equal(1, offset);
    }

    [Theory]
    [InlineData(300L)]
    [InlineData(-200L)]
    public void Narrow_reads_refuse_values_out_of_range(long value)
    {
        var bytes = Bytes.Encode((ref MessagePackWriter w) => w.Write(value));

        Assert.Throws<WireFormatException>(() => new MessagePackReader(bytes).ReadByte());
    }

    [Fact]
    public void Random_integers_round_trip_across_segment_splits()
    {
        var random = new Random(1234);
        for (var i = 0; i < 2000; i++)
        {
            var shift = random.Next(0, 64);
            var value = random.NextInt64() >> shift;
            if (random.Next(2) == 0)
            {
                value = -value;
            }

            var bytes = Bytes.Encode((ref MessagePackWriter w) => w.Write(value));
            var reader = new MessagePackReader(Bytes.Segmented(bytes, random.Next(1, 4)));
            Assert.Equal(value, reader.ReadInt64());
        }
    }
}
