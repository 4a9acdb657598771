using P2C2R.Coordinator;
using P2C2R.Coordinator.Sessions;
using P2C2R.EndToEnd.Tests.Cluster;
using P2C2R.GameSdk;
using P2C2R.GamerClient.Play;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// Proves that nothing unvalidated reached a session: every frame the gamer decoded must equal,
/// byte for byte, the frame rendered here from the same world (same seed, no keys) with every
/// task computed locally and no helper at all.
/// </summary>
internal static class ReferenceFrames
{
    public static void AssertExact(CollectorReport report, CoordinatorSettings settings, int ticksPerSecond)
    {
        Assert.NotEmpty(report.Updates);
        var world = settings.Game.Create(Session.OptionsOf(report.SessionId!, ticksPerSecond, settings));
        var decoder = new FrameDecoder();
        foreach (var frame in report.Updates)
        {
            while (world.Tick <= frame.Tick)
            {
                world.Advance(0, LocalResults.Instance);
            }

            Assert.True(decoder.Decode(frame), $"frame {frame.Tick} could not be decoded");
            var expected = FrameRenderer.Render(world, settings.Frame);
            Assert.True(expected.AsSpan().SequenceEqual(decoder.Current), $"frame {frame.Tick} differs from the reference");
        }
    }
}
