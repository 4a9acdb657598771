using MessagePack;

namespace P2C2R.Tasks.Tests.Wire;

/// <summary>
/// The golden hashes and the verifiers' canonical-form check rest on every value taking the
/// smallest encoding the MessagePack specification allows. These pin those forms, byte for byte,
/// at every boundary the task payloads can reach.
/// </summary>
public sealed class EncodingFormTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(127L, "7f")]
    [InlineData(128L, "cc80")]
    [InlineData(255L, "ccff")]
    [InlineData(256L, "cd0100")]
    [InlineData(65535L, "cdffff")]
    [InlineData(65536L, "ce00010000")]
    [InlineData(2147483647L, "ce7fffffff")]
    [InlineData(4294967295L, "ceffffffff")]
    [InlineData(4294967296L, "cf0000000100000000")]
    [InlineData(long.MaxValue, "cf7fffffffffffffff")]
    [InlineData(-1L, "ff")]
    [InlineData(-32L, "e0")]
    [InlineData(-33L, "d0df")]
    [InlineData(-128L, "d080")]
    [InlineData(-129L, "d1ff7f")]
    [InlineData(-32768L, "d18000")]
    [InlineData(-32769L, "d2ffff7fff")]
    [InlineData(-2147483648L, "d280000000")]
    [InlineData(-2147483649L, "d3ffffffff7fffffff")]
    [InlineData(long.MinValue, "d38000000000000000")]
    public void Integers_take_the_smallest_form_whatever_their_CLR_type(long value, string hex)
    {
        Assert.Equal(hex, Encoded.Hex((ref MessagePackWriter w) => w.Write(value)));
        if (value is >= int.MinValue and <= int.MaxValue)
        {
            Assert.Equal(hex, Encoded.Hex((ref MessagePackWriter w) => w.Write((int)value)));
        }

        if (value >= 0)
        {
            Assert.Equal(hex, Encoded.Hex((ref MessagePackWriter w) => w.Write((ulong)value)));
        }
    }

    [Fact]
    public void Unsigned_64_bit_values_above_long_use_uint64()
    {
        Assert.Equal("cfffffffffffffffff", Encoded.Hex((ref MessagePackWriter w) => w.Write(ulong.MaxValue)));
        Assert.Equal("cf8000000000000000", Encoded.Hex((ref MessagePackWriter w) => w.Write((ulong)long.MaxValue + 1)));
    }

    [Theory]
    [InlineData(0, "c400")]
    [InlineData(31, "c41f")]
    [InlineData(255, "c4ff")]
    [InlineData(256, "c50100")]
    [InlineData(65535, "c5ffff")]
    [InlineData(65536, "c600010000")]
    public void Binary_headers_take_the_smallest_form_and_bin8_even_for_short_values(int length, string header)
    {
        var data = new byte[length];
        var written = Encoded.With((ref MessagePackWriter w) => w.Write(data));
        var headerOnly = Encoded.Hex((ref MessagePackWriter w) => w.WriteBinHeader(length));

        Assert.Equal(header, Convert.ToHexStringLower(written.AsSpan(0, header.Length / 2)));
        Assert.Equal(header.Length / 2 + length, written.Length);
        Assert.Equal(header, headerOnly);
    }

    [Theory]
    [InlineData(0, "a0")]
    [InlineData(31, "bf")]
    [InlineData(32, "d920")]
    [InlineData(255, "d9ff")]
    [InlineData(256, "da0100")]
    [InlineData(65536, "db00010000")]
    public void String_headers_take_the_smallest_form_including_str8(int length, string header)
    {
        var written = Encoded.With((ref MessagePackWriter w) => w.Write(new string('x', length)));

        Assert.Equal(header, Convert.ToHexStringLower(written.AsSpan(0, header.Length / 2)));
        Assert.Equal(header.Length / 2 + length, written.Length);
    }

    [Fact]
    public void Multibyte_text_counts_utf8_bytes_and_null_is_nil()
    {
        Assert.Equal("a6c3a9e282ac21", Encoded.Hex((ref MessagePackWriter w) => w.Write("é€!")));
        Assert.Equal("c0", Encoded.Hex((ref MessagePackWriter w) => w.Write((string?)null)));
        Assert.Equal("c0", Encoded.Hex((ref MessagePackWriter w) => w.Write((byte[]?)null)));
    }

    [Theory]
    [InlineData(0, "90")]
    [InlineData(15, "9f")]
    [InlineData(16, "dc0010")]
    [InlineData(65535, "dcffff")]
    [InlineData(65536, "dd00010000")]
    public void Array_headers_take_the_smallest_form(int count, string hex)
    {
        Assert.Equal(hex, Encoded.Hex((ref MessagePackWriter w) => w.WriteArrayHeader(count)));
    }

    [Fact]
    public void Doubles_are_always_float64_and_booleans_one_byte()
    {
        Assert.Equal("cb3ff8000000000000", Encoded.Hex((ref MessagePackWriter w) => w.Write(1.5)));
        Assert.Equal("cb8000000000000000", Encoded.Hex((ref MessagePackWriter w) => w.Write(-0.0)));
        Assert.Equal("c3c2", Encoded.Hex((ref MessagePackWriter w) =>
        {
            w.Write(true);
            w.Write(false);
        }));
    }
}
