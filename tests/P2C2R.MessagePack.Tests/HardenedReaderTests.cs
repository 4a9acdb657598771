namespace P2C2R.MessagePack.Tests;

public class HardenedReaderTests
{
    private static WireFormatException Fails(byte[] bytes)
    {
        return Assert.Throws<WireFormatException>(() =>
        {
            var reader = new MessagePackReader(bytes);
            reader.Skip();
        });
    }

    [Fact]
    public void A_huge_declared_string_is_refused_before_allocating()
    {
        var e = Fails([0xdb, 0xff, 0xff, 0xff, 0xf0, (byte)'a']);

        Assert.Contains("declares 4294967280", e.Message);
        Assert.Equal(5, e.Offset);
    }

    [Fact]
    public void A_huge_declared_array_or_map_is_refused()
    {
        Fails([0xdd, 0x7f, 0xff, 0xff, 0xff, 0x01]);
        Fails([0xdf, 0x00, 0x00, 0x00, 0x02, 0x01, 0x01, 0x01]);
        Fails([0xc6, 0x00, 0x01, 0x00, 0x00]);
        Fails([0xc9, 0x00, 0x01, 0x00, 0x00, 0x05]);
    }

    [Fact]
    public void Truncated_values_report_where_they_end()
    {
        var e = Fails([0xcd, 0x01]);

        Assert.Contains("ends early", e.Message);
        Fails([0xcb, 0, 0, 0]);
        Fails([0x92, 0x01]);
        Fails([]);
    }

    [Fact]
    public void The_never_used_code_is_refused()
    {
        var e = Fails([0xc1]);

        Assert.Equal(0, e.Offset);
    }

    [Fact]
    public void Nesting_past_the_limit_is_refused()
    {
        var deep = Enumerable.Repeat((byte)0x91, 100).Append((byte)0xc0).ToArray();

        var e = Fails(deep);
        Assert.Contains("nesting deeper than 64", e.Message);

        var reader = new MessagePackReader(deep, maxDepth: 200);
        reader.Skip();
        Assert.True(reader.End);
    }

    [Fact]
    public void Invalid_utf8_is_an_error_not_a_replacement()
    {
        var e = Assert.Throws<WireFormatException>(() => new MessagePackReader(new byte[] { 0xa2, 0xc3, 0x28 }).ReadString());

        Assert.Contains("UTF-8", e.Message);
    }

    [Fact]
    public void Type_mismatch_names_what_was_found()
    {
        var e = Assert.Throws<WireFormatException>(() => new MessagePackReader(new byte[] { 0xa1, (byte)'x' }).ReadInt64());

        Assert.Contains("expected an integer but found string (0xa1)", e.Message);
    }

    [Fact]
    public void Random_garbage_never_escapes_as_anything_but_a_wire_format_error()
    {
        var random = new Random(99);
        for (var i = 0; i < 5000; i++)
        {
            var bytes = new byte[random.Next(0, 40)];
            random.NextBytes(bytes);
            try
            {
                var reader = new MessagePackReader(bytes);
                while (!reader.End)
                {
                    reader.Skip();
                }
            }
            catch (WireFormatException)
            {
            }
        }
    }

    [Fact]
    public void Skip_passes_over_every_kind_of_value()
    {
        var bytes = Bytes.Encode((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(9);
            w.WriteNil();
            w.Write(true);
            w.Write(ulong.MaxValue);
            w.Write(-5000L);
            w.Write(2.5);
            w.Write("text");
            w.WriteBinary([1, 2, 3]);
            w.WriteMapHeader(1);
            w.Write("k");
            w.WriteArrayHeader(0);
            w.Write(new MessagePackTimestamp(5, 5));
            w.Write(77);
        });

        var reader = new MessagePackReader(Bytes.Segmented(bytes, 2));
        reader.Skip();
        Assert.Equal(77, reader.ReadInt32());
        Assert.True(reader.End);
    }
}
