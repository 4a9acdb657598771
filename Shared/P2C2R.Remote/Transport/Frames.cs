using System.Buffers;
using System.Buffers.Binary;

namespace P2C2R.Remote.Transport;

/// <summary>
/// Frame layout: a 4-byte big-endian length, then that many bytes: one <see cref="FrameKind"/>
/// byte and the body. The length is checked against the maximum before any body byte is read.
/// </summary>
public static class Frames
{
    public const int HeaderSize = 5;

    public static void WriteHeader(Span<byte> destination, FrameKind kind, int bodyLength)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)(bodyLength + 1));
        destination[4] = (byte)kind;
    }

    /// <summary>
    /// Takes one whole frame off the front of <paramref name="buffer"/>, or returns false when
    /// more bytes are needed. Throws <see cref="FrameException"/> for a length that is zero,
    /// over <paramref name="maximumFrameSize"/>, or a kind this protocol does not have.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maximumFrameSize, out FrameKind kind, out ReadOnlySequence<byte> body)
    {
        kind = default;
        body = default;
        if (buffer.Length < HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        var length = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (length == 0)
        {
            throw new FrameException("frame length 0: every frame has at least its kind byte");
        }

        if (length > (uint)maximumFrameSize)
        {
            throw new FrameException($"frame header announces {length} bytes, over the maximum frame size of {maximumFrameSize}");
        }

        kind = (FrameKind)header[4];
        if (kind is < FrameKind.Associate or > FrameKind.Disassociate)
        {
            throw new FrameException($"unknown frame kind {header[4]}");
        }

        if (buffer.Length < length + 4)
        {
            return false;
        }

        body = buffer.Slice(HeaderSize, length - 1);
        buffer = buffer.Slice(length + 4);
        return true;
    }
}
