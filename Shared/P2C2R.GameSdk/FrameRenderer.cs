using P2C2R.Tasks;
using P2C2R.Tasks.Render;

namespace P2C2R.GameSdk;

/// <summary>
/// A world's current frame computed here, the way the session's tasks compute it on helpers:
/// every band ray-traced, joined, upscaled. Replays and reference checks use it, so what a gamer
/// decoded can be compared byte for byte.
/// </summary>
public static class FrameRenderer
{
    public static byte[] Render(IGameWorld world, FrameFormat format)
    {
        var bands = new byte[format.Bands][];
        for (var band = 0; band < format.Bands; band++)
        {
            bands[band] = TaskExecutors.Raytrace.Run(world.DescribeFrame(band)).Rgb;
        }

        return TaskExecutors.Upscale.Run(format.Upscale(bands)).Rgb;
    }
}
