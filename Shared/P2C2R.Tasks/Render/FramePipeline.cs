using P2C2R.Tasks.Codec;

namespace P2C2R.Tasks.Render;

/// <summary>
/// One whole frame on one core: ray-trace at low resolution, upscale to display resolution, and
/// delta-compress against the previous frame. This is what a coordinator falls back to when no
/// helper answers in time, so its cost bounds how late a frame can ever be.
/// </summary>
public sealed class FramePipeline(int displayWidth, int displayHeight, UpscaleQuality quality = UpscaleQuality.Bilinear)
{
    private byte[] _previous = [];

    public byte[] LastFrame => _previous;

    /// <summary>Renders <paramref name="trace"/> (a whole-image tile) and returns the compressed delta.</summary>
    public DeltaDeflateOutput Render(RaytraceInput trace)
    {
        var traced = TaskExecutors.Raytrace.Run(trace).Rgb;
        var upscaled = TaskExecutors.Upscale.Run(new UpscaleInput(trace.ImageWidth, trace.ImageHeight, traced, displayWidth, displayHeight, quality, 0, displayHeight)).Rgb;
        var compressed = TaskExecutors.Deflate.Run(new DeltaDeflateInput(_previous, upscaled, 1));
        _previous = upscaled;
        return compressed;
    }
}
