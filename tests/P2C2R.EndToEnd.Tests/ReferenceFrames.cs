using P2C2R.Coordinator.Sessions;
using P2C2R.GamerClient.Play;
using P2C2R.Protocol;
using P2C2R.Tasks;
using P2C2R.Tasks.Golden;
using P2C2R.Tasks.Render;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// Proves that nothing unvalidated reached a session: every frame the gamer decoded must equal,
/// byte for byte, the frame computed here from the same world without any helper.
/// </summary>
internal static class ReferenceFrames
{
    public static void AssertExact(IReadOnlyList<FrameUpdate> frames)
    {
        Assert.NotEmpty(frames);
        var world = new DemoWorld();
        var decoder = new FrameDecoder();
        foreach (var frame in frames)
        {
            while (world.Tick <= frame.Tick)
            {
                world.Advance(0, DemoWorld.ComputePhysics, DemoWorld.ComputePath);
            }

            Assert.True(decoder.Decode(frame), $"frame {frame.Tick} could not be decoded");
            var traced = Enumerable.Range(0, 4).SelectMany(band => TaskExecutors.Raytrace.Run(world.Trace(band, 4)).Rgb).ToArray();
            var expected = TaskExecutors.Upscale.Run(new UpscaleInput(Scenes.TraceWidth, Scenes.TraceHeight, traced, Scenes.FrameWidth, Scenes.FrameHeight, UpscaleQuality.Bilinear, 0, Scenes.FrameHeight)).Rgb;
            Assert.True(expected.AsSpan().SequenceEqual(decoder.Current), $"frame {frame.Tick} differs from the reference");
        }
    }
}
