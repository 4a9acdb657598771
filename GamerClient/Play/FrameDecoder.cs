using System.IO.Compression;
using P2C2R.Protocol.Contracts;

namespace P2C2R.GamerClient.Play;

/// <summary>
/// Turns streamed frames back into RGB: inflate, then add the previous frame for a delta. A
/// delta without the frame it is based on (after a resume) is skipped until the next key frame.
/// The bytes come from the network, so a frame whose size is out of bounds or whose stream does
/// not inflate to exactly one frame is refused (and the next delta waits for a key frame); the two
/// buffers are reused, so a steady stream decodes without allocating frame-sized arrays.
/// </summary>
public sealed class FrameDecoder
{
    /// <summary>Largest frame accepted, in pixels (4096 × 4096).</summary>
    public const int MaxPixels = 4096 * 4096;

    private byte[] _current = [];
    private byte[] _scratch = [];
    private int _length;

    /// <summary>The last frame decoded, RGB row-major; overwritten by the next <see cref="Decode"/>.</summary>
    public ReadOnlySpan<byte> Current => _current.AsSpan(0, _length);

    /// <summary>Decodes one frame; false when it cannot be shown (delta without its base, or malformed).</summary>
    public bool Decode(FrameUpdate frame)
    {
        if (frame.Width <= 0 || frame.Height <= 0 || (long)frame.Width * frame.Height > MaxPixels || frame.Deflate is null)
        {
            _length = 0;
            return false;
        }

        var size = frame.Width * frame.Height * 3;
        if (!frame.KeyFrame && _length != size)
        {
            return false;
        }

        if (_scratch.Length < size)
        {
            _scratch = new byte[size];
        }

        if (!Inflate(frame.Deflate, _scratch.AsSpan(0, size)))
        {
            _length = 0;
            return false;
        }

        if (!frame.KeyFrame)
        {
            var delta = _scratch.AsSpan(0, size);
            var current = _current.AsSpan(0, size);
            for (var i = 0; i < size; i++)
            {
                delta[i] = (byte)(delta[i] + current[i]);
            }
        }

        (_current, _scratch) = (_scratch, _current);
        _length = size;
        return true;
    }

    private static bool Inflate(byte[] deflate, Span<byte> target)
    {
        try
        {
            using var inflater = new DeflateStream(new MemoryStream(deflate, writable: false), CompressionMode.Decompress);
            inflater.ReadExactly(target);
            Span<byte> extra = stackalloc byte[1];
            return inflater.Read(extra) == 0;
        }
        catch (Exception error) when (error is InvalidDataException or EndOfStreamException)
        {
            return false;
        }
    }
}
