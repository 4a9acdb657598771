using System.Buffers;
using System.Buffers.Binary;
using MessagePack;
using P2C2R.Edge.Framing;
using P2C2R.Edge.Tests.Support;
using EdgeMessageTable = P2C2R.Protocol.EdgeMessageTable;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Edge.Tests;

public sealed class FramingTests
{
    public static TheoryData<int> MessageIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < SampleMessages.All.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Fact]
    public void Every_message_type_of_the_table_has_a_sample()
    {
        Assert.Equal(
            EdgeMessageTable.All.Select(t => t.Type).OrderBy(t => t.Name),
            SampleMessages.All.Select(m => m.GetType()).OrderBy(t => t.Name));
    }

    [Theory]
    [MemberData(nameof(MessageIndexes))]
    public void A_message_round_trips_through_a_frame(int index)
    {
        var message = SampleMessages.All[index];
        var writer = new ArrayBufferWriter<byte>();
        var written = EdgeFrames.Write(writer, message);
        Assert.Equal(writer.WrittenCount, written);

        var buffer = new ReadOnlySequence<byte>(writer.WrittenMemory);
        Assert.True(EdgeFrames.TryRead(ref buffer, EdgeFrames.DefaultMaxFrameBytes, out var code, out var body));
        Assert.True(buffer.IsEmpty);
        EdgeMessageTable.TryGet(message.GetType(), out var row);
        Assert.Equal(row.Code, code);

        var decoded = EdgeCodec.Decode(code, body);
        Assert.IsType(message.GetType(), decoded);
        Assert.Equal(EdgeCodec.Encode(message, out _), EdgeCodec.Encode(decoded, out _));
    }

    [Fact]
    public void The_header_is_big_endian_length_then_code_and_the_body_an_array()
    {
        var writer = new ArrayBufferWriter<byte>();
        EdgeFrames.Write(writer, new Ping(1, 2));
        Assert.Equal(new byte[] { 0, 0, 0, 5, 0, 5, 0x92, 0x01, 0x02 }, writer.WrittenSpan.ToArray());

        writer.ResetWrittenCount();
        EdgeFrames.Write(writer, new ListSessions());
        Assert.Equal(new byte[] { 0, 0, 0, 3, 0, 48, 0x90 }, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void A_frame_split_at_any_byte_is_read_only_when_whole()
    {
        var writer = new ArrayBufferWriter<byte>();
        EdgeFrames.Write(writer, SampleMessages.All.OfType<FrameUpdate>().Single());
        EdgeFrames.Write(writer, new Ping(7, 8));
        var bytes = writer.WrittenSpan.ToArray();
        var first = BinaryPrimitives.ReadInt32BigEndian(bytes) + 4;

        for (var cut = 0; cut < bytes.Length; cut += 7)
        {
            var partial = Segmented(bytes.AsSpan(0, cut).ToArray(), 3);
            var read = EdgeFrames.TryRead(ref partial, EdgeFrames.DefaultMaxFrameBytes, out _, out _);
            Assert.Equal(cut >= first, read);
        }

        var whole = Segmented(bytes, 5);
        Assert.True(EdgeFrames.TryRead(ref whole, EdgeFrames.DefaultMaxFrameBytes, out var code1, out var body1));
        Assert.IsType<FrameUpdate>(EdgeCodec.Decode(code1, body1));
        Assert.True(EdgeFrames.TryRead(ref whole, EdgeFrames.DefaultMaxFrameBytes, out var code2, out var body2));
        Assert.Equal(new Ping(7, 8), EdgeCodec.Decode(code2, body2));
        Assert.True(whole.IsEmpty);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    public void A_length_below_two_is_malformed(uint length)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, length);
        AssertRefused(EdgeCloseCode.MalformedFrame, bytes);
    }

    [Fact]
    public void An_oversize_length_is_refused_from_the_length_field_alone()
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, 1025);
        AssertRefused(EdgeCloseCode.FrameTooLarge, bytes, maxFrameBytes: 1024);
        BinaryPrimitives.WriteUInt32BigEndian(bytes, uint.MaxValue);
        AssertRefused(EdgeCloseCode.FrameTooLarge, bytes);
    }

    [Theory]
    [InlineData((ushort)0)]
    [InlineData((ushort)9)]
    [InlineData((ushort)19)]
    [InlineData((ushort)999)]
    [InlineData(ushort.MaxValue)]
    public void An_unknown_code_is_refused_from_the_header_alone(ushort code)
    {
        var header = RawEdgeClient.Frame(code, new byte[100]).AsSpan(0, 6).ToArray();
        AssertRefused(EdgeCloseCode.MalformedFrame, header);
        Assert.Throws<EdgeProtocolException>(() => EdgeCodec.Decode(code, new ReadOnlySequence<byte>([0x90])));
    }

    public static TheoryData<string, ushort, byte[]> BadBodies() => new()
    {
        { "empty body", 5, [] },
        { "nil", 5, [0xc0] },
        { "map instead of array", 5, [0x82, 0x00, 0x01, 0x01, 0x02] },
        { "integer", 5, [0x01] },
        { "string", 4, [0xa3, 0x61, 0x62, 0x63] },
        { "trailing bytes", 5, [0x92, 0x01, 0x02, 0x03] },
        { "two values", 48, [0x90, 0x90] },
        { "array shorter than its header", 5, [0x92, 0x01] },
        { "string where an integer goes", 5, [0x92, 0xa1, 0x61, 0x02] },
        { "integer where bytes go", 27, [0x92, 0x01, 0x02] },
        { "truncated bin", 27, [0x92, 0xc4, 0x20, 0x00] },
        { "string length past the end", 41, [0x91, 0xdb, 0x7f, 0xff, 0xff, 0xff] },
        { "array count past the end", 26, [0x91, 0xdd, 0x7f, 0xff, 0xff, 0xff] },
        { "reserved byte 0xc1", 5, [0x92, 0xc1, 0x01] },
        { "integer too large for int", 43, [0x92, 0x01, 0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff] },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public void A_body_that_is_not_exactly_one_valid_array_is_malformed(string why, ushort code, byte[] body)
    {
        var e = Assert.Throws<EdgeProtocolException>(() => EdgeCodec.Decode(code, new ReadOnlySequence<byte>(body)));
        Assert.True(e.Code == EdgeCloseCode.MalformedFrame, why);
    }

    [Fact]
    public void Deep_nesting_is_refused_by_the_untrusted_data_limit()
    {
        var body = new byte[20_000];
        body.AsSpan(0, body.Length - 1).Fill(0x91);
        body[^1] = 0x90;
        var e = Assert.Throws<EdgeProtocolException>(() => EdgeCodec.Decode(50, new ReadOnlySequence<byte>(body)));
        Assert.Equal(EdgeCloseCode.MalformedFrame, e.Code);
        Assert.Equal(MessagePackSecurity.UntrustedData, EdgeCodec.Options.Security);
    }

    [Fact]
    public void An_absent_trailing_field_takes_its_default_and_extra_fields_are_ignored()
    {
        var assign = MessagePackSerializer.Serialize(new object[] { 1L, "t", new byte[] { 1 }, 100 });
        var decoded = Assert.IsType<AssignTask>(EdgeCodec.Decode(23, new ReadOnlySequence<byte>(assign)));
        Assert.Null(decoded.Splices);

        var ping = MessagePackSerializer.Serialize(new object[] { 3L, 4L, "from a newer version" });
        Assert.Equal(new Ping(3, 4), EdgeCodec.Decode(5, new ReadOnlySequence<byte>(ping)));
    }

    [Fact]
    public void A_helper_that_sends_no_public_name_field_is_not_named()
    {
        var older = MessagePackSerializer.Serialize(new object[] { new object[] { "h", 2, 1L << 30, new[] { "physics.rigid" }, 5.0, 1, false, 0L } });
        var register = Assert.IsType<RegisterHelper>(EdgeCodec.Decode(20, new ReadOnlySequence<byte>(older)));
        Assert.False(register.Capabilities.PublicName);

        var opted = new RegisterHelper(new HelperCapabilities("h", 2, 1L << 30, ["physics.rigid"], 5, 1, PublicName: true));
        var decoded = Assert.IsType<RegisterHelper>(EdgeCodec.Decode(20, new ReadOnlySequence<byte>(MessagePackSerializer.Serialize(opted, EdgeCodec.Options))));
        Assert.True(decoded.Capabilities.PublicName);
    }

    [Fact]
    public void A_login_link_carries_its_refusal_and_one_without_the_field_is_read_as_giving_no_reason()
    {
        var refused = new WebLoginLink("", 0, "too many outstanding login codes");
        Assert.Equal(refused, EdgeCodec.Decode(8, new ReadOnlySequence<byte>(MessagePackSerializer.Serialize(refused, EdgeCodec.Options))));

        var older = MessagePackSerializer.Serialize(new object[] { "", 0L });
        var link = Assert.IsType<WebLoginLink>(EdgeCodec.Decode(8, new ReadOnlySequence<byte>(older)));
        Assert.True(string.IsNullOrEmpty(link.Refused));
    }

    [Fact]
    public void Ten_thousand_random_frames_only_ever_fail_as_protocol_errors()
    {
        var random = new Random(1234);
        var codes = EdgeMessageTable.All.Select(t => t.Code).ToArray();
        var refused = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var body = new byte[random.Next(0, 64)];
            random.NextBytes(body);
            if (i % 3 == 0 && body.Length > 0)
            {
                body[0] = (byte)(0x90 + random.Next(0, 16));
            }

            var code = i % 10 == 0 ? (ushort)random.Next(0, 65536) : codes[random.Next(codes.Length)];
            var buffer = new ReadOnlySequence<byte>(RawEdgeClient.Frame(code, body));
            try
            {
                if (EdgeFrames.TryRead(ref buffer, 1024, out var c, out var b))
                {
                    EdgeCodec.Decode(c, b);
                }
            }
            catch (EdgeProtocolException e)
            {
                Assert.True(e.Code is EdgeCloseCode.MalformedFrame);
                refused++;
            }
        }

        Assert.True(refused > 9_000, $"{refused} refused");
    }

    [Fact]
    public void Writing_and_reading_frames_allocate_nothing_beyond_the_decoded_message()
    {
        var writer = new ArrayBufferWriter<byte>(64 * 1024);
        var ping = new Ping(123456, 789);
        EdgeFrames.Write(writer, ping);
        var once = new ReadOnlySequence<byte>(writer.WrittenMemory);
        EdgeFrames.TryRead(ref once, 1024, out _, out _);

        writer.ResetWrittenCount();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            EdgeFrames.Write(writer, ping);
        }

        var written = GC.GetAllocatedBytesForCurrentThread() - before;

        var buffer = new ReadOnlySequence<byte>(writer.WrittenMemory);
        before = GC.GetAllocatedBytesForCurrentThread();
        var frames = 0;
        while (EdgeFrames.TryRead(ref buffer, 1024, out _, out _))
        {
            frames++;
        }

        var read = GC.GetAllocatedBytesForCurrentThread() - before;

        buffer = new ReadOnlySequence<byte>(writer.WrittenMemory);
        EdgeFrames.TryRead(ref buffer, 1024, out var code, out var body);
        EdgeCodec.Decode(code, body);
        before = GC.GetAllocatedBytesForCurrentThread();
        EdgeCodec.Decode(code, body);
        var decoded = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1000, frames);
        Assert.Equal(0, written);
        Assert.Equal(0, read);
        Assert.True(decoded <= 64, $"a Ping decode allocated {decoded} bytes");
    }

    [Fact]
    public void Writing_a_type_outside_the_table_is_refused()
    {
        Assert.Throws<ArgumentException>(() => EdgeFrames.Write(new ArrayBufferWriter<byte>(), new NotInTable()));
    }

    private sealed record NotInTable : IEdgeMessage;

    private static void AssertRefused(EdgeCloseCode expected, byte[] bytes, int maxFrameBytes = EdgeFrames.DefaultMaxFrameBytes)
    {
        var e = Assert.Throws<EdgeProtocolException>(() =>
        {
            var buffer = new ReadOnlySequence<byte>(bytes);
            EdgeFrames.TryRead(ref buffer, maxFrameBytes, out _, out _);
        });
        Assert.Equal(expected, e.Code);
    }

    private static ReadOnlySequence<byte> Segmented(byte[] bytes, int segmentBytes)
    {
        if (bytes.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        Segment? first = null;
        Segment? last = null;
        for (var offset = 0; offset < bytes.Length; offset += segmentBytes)
        {
            var memory = bytes.AsMemory(offset, Math.Min(segmentBytes, bytes.Length - offset));
            last = last is null ? first = new Segment(memory, 0) : last.Append(memory);
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
