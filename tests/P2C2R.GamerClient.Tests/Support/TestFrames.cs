using System.IO.Compression;
using P2C2R.Protocol.Contracts;

namespace P2C2R.GamerClient.Tests.Support;

/// <summary>Frames as a coordinator streams them: raw DEFLATE of the RGB bytes, or of their difference from the previous frame.</summary>
internal static class TestFrames
{
    public const int Width = 4;
    public const int Height = 3;

    /// <summary>A frame whose every byte derives from <paramref name="seed"/>, so consecutive frames differ.</summary>
    public static byte[] Rgb(int seed)
    {
        var rgb = new byte[Width * Height * 3];
        for (var i = 0; i < rgb.Length; i++)
        {
            rgb[i] = (byte)(seed * 31 + i * 7);
        }

        return rgb;
    }

    public static FrameUpdate Key(long tick, byte[] rgb) => Update(tick, true, Deflate(rgb));

    public static FrameUpdate Delta(long tick, byte[] previous, byte[] rgb)
    {
        var delta = new byte[rgb.Length];
        for (var i = 0; i < rgb.Length; i++)
        {
            delta[i] = (byte)(rgb[i] - previous[i]);
        }

        return Update(tick, false, Deflate(delta));
    }

    public static FrameUpdate Update(long tick, bool keyFrame, byte[] deflate) =>
        new(tick, Width, Height, keyFrame, deflate, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000, SessionCounters.Zero with { Ticks = tick + 1, Frames = tick + 1 });

    public static byte[] Deflate(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var deflater = new DeflateStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflater.Write(bytes);
        }

        return buffer.ToArray();
    }
}
