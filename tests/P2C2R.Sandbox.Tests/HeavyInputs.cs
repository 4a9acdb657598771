using P2C2R.Tasks.Render;
using P2C2R.Tasks.World;

namespace P2C2R.Sandbox.Tests;

/// <summary>Valid inputs built to exhaust a worker's time or memory under tight test limits.</summary>
internal static class HeavyInputs
{
    /// <summary>A 512 × 512 tile over a 128³ scene of air above a water floor: every ray is long and bounces.</summary>
    public static byte[] SlowRaytrace()
    {
        const int size = 128;
        var blocks = new byte[size * size * size];
        blocks.AsSpan(0, size * size).Fill(Block.Water);
        var forward = new Vector3d(1, -0.35, 1).Normalized();
        var camera = new Camera(new Vector3d(0.5, size - 0.5, 0.5), forward, new Vector3d(-forward.Z, 0, forward.X) * 0.8, new Vector3d(0, 0.8, 0));
        return Payload.Encode(new RaytraceInput(size, size, size, blocks, 512, 512, 0, 0, 512, 512, camera, new Vector3d(0.3, 1, 0.2), 400));
    }

    /// <summary>A 16 × 16 image upscaled to 4096 × 2304: about 28 MB of output, far more once encoded.</summary>
    public static byte[] HugeUpscale() =>
        Payload.Encode(new UpscaleInput(16, 16, new byte[16 * 16 * 3], 4096, 2304, UpscaleQuality.Bilinear, 0, 2304));
}
