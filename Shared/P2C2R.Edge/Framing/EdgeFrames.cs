using System.Buffers;
using System.Buffers.Binary;
using P2C2R.Protocol;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Edge.Framing;

/// <summary>
/// Edge frames, <c>length: u32 BE | code: u16 BE | MessagePack body</c> (docs/PROTOCOL.md §1).
/// Reading slices the caller's buffer without copying, and rejects a bad length or an unknown
/// code as soon as the header is in, before any body byte is waited for, so a hostile peer
/// cannot make the receiver buffer what it will refuse anyway.
/// </summary>
public static class EdgeFrames
{
    /// <summary>Bytes of the length field.</summary>
    public const int LengthBytes = 4;

    /// <summary>Bytes before the body: length and code.</summary>
    public const int HeaderBytes = 6;

    /// <summary>The default largest value of the length field (code and body), 4 MiB.</summary>
    public const int DefaultMaxFrameBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Takes one whole frame off the front of <paramref name="buffer"/>. Returns false, leaving the
    /// buffer as it was, while the frame is incomplete; <paramref name="body"/> slices the buffer and
    /// is valid only until the caller releases that memory.
    /// </summary>
    /// <exception cref="EdgeProtocolException">The length is below 2 or above <paramref name="maxFrameBytes"/>, or the code is unknown.</exception>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxFrameBytes, out ushort code, out ReadOnlySequence<byte> body)
    {
        code = 0;
        body = default;
        if (buffer.Length < LengthBytes)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderBytes];
        var available = (int)Math.Min(buffer.Length, HeaderBytes);
        buffer.Slice(0, available).CopyTo(header);

        var length = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (length < 2)
        {
            throw new EdgeProtocolException(EdgeCloseCode.MalformedFrame, $"frame length {length} is below 2");
        }

        if (length > (uint)maxFrameBytes)
        {
            throw new EdgeProtocolException(EdgeCloseCode.FrameTooLarge, $"frame length {length} is above the maximum {maxFrameBytes}");
        }

        if (available < HeaderBytes)
        {
            return false;
        }

        var frameCode = BinaryPrimitives.ReadUInt16BigEndian(header[LengthBytes..]);
        if (!EdgeMessageTable.TryGet(frameCode, out _))
        {
            throw new EdgeProtocolException(EdgeCloseCode.MalformedFrame, $"unknown message code {frameCode}");
        }

        if (buffer.Length - LengthBytes < length)
        {
            return false;
        }

        code = frameCode;
        body = buffer.Slice(HeaderBytes, length - 2);
        buffer = buffer.Slice(LengthBytes + length);
        return true;
    }

    /// <summary>Writes <paramref name="message"/> as one frame; returns the frame's size in bytes, header included.</summary>
    /// <exception cref="ArgumentException">The message's type is not in <see cref="EdgeMessageTable"/>.</exception>
    public static int Write(IBufferWriter<byte> writer, IEdgeMessage message)
    {
        var body = EdgeCodec.EncodeToScratch(message, out var code);
        var frameBytes = HeaderBytes + body.Length;
        var span = writer.GetSpan(frameBytes);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)(body.Length + 2));
        BinaryPrimitives.WriteUInt16BigEndian(span[LengthBytes..], code);
        body.CopyTo(span[HeaderBytes..]);
        writer.Advance(frameBytes);
        EdgeCodec.ReleaseScratch();
        return frameBytes;
    }
}
