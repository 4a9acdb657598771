using System.IO.Compression;
using P2C2R.Protocol;

namespace P2C2R.GamerClient.Play;

/// <summary>
/// Turns streamed frames back into RGB: inflate, then add the previous frame for a delta. A
/// delta without the frame it is based on (after a resume) is skipped until the next key frame.
/// </summary>
public sealed class FrameDecoder
{
    private byte[] _current = [];

    public byte[] Current => _current;

    /// <summary>Decodes one frame; false when it cannot be shown yet (delta without its base).</summary>
    public bool Decode(FrameUpdate frame)
    {
        var size = frame.Width * frame.Height * 3;
        if (!frame.KeyFrame && _current.Length != size)
        {
            return false;
        }

        var raw = new byte[size];
        using (var inflater = new DeflateStream(new MemoryStream(frame.Deflate), CompressionMode.Decompress))
        {
            inflater.ReadExactly(raw);
        }

        if (!frame.KeyFrame)
        {
            for (var i = 0; i < raw.Length; i++)
            {
                raw[i] = (byte)(raw[i] + _current[i]);
            }
        }

        _current = raw;
        return true;
    }
}
