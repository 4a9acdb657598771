using P2C2R.GameSdk;

namespace P2C2R.GamerClient.Play;

/// <summary>Writes each frame shown as <c>frame-TICK.png</c> into a folder (<c>--record DIR</c>).</summary>
public sealed class FrameRecorder(string folder)
{
    private readonly string _folder = Directory.CreateDirectory(folder).FullName;

    public void Write(long tick, ReadOnlySpan<byte> rgb, int width, int height) =>
        File.WriteAllBytes(Path.Combine(_folder, $"frame-{tick:D6}.png"), PngEncoder.Encode(rgb, width, height));
}
