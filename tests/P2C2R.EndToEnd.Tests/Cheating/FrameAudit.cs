using P2C2R.Coordinator;
using P2C2R.Coordinator.Sessions;
using P2C2R.EndToEnd.Tests.Cluster;
using P2C2R.GameSdk;
using P2C2R.GamerClient.Play;

namespace P2C2R.EndToEnd.Tests.Cheating;

/// <summary>
/// Counts, rather than forbids, the frames a gamer saw that differ from the honest ones: each
/// frame decoded as the gamer decodes it is compared with the frame rendered here for the same
/// tick from the same world (same seed, no keys), every task computed locally (as
/// <see cref="ReferenceFrames"/> does, which fails at the first difference).
/// </summary>
internal static class FrameAudit
{
    public static long[] DifferingTicks(CollectorReport report, CoordinatorSettings settings, int ticksPerSecond)
    {
        var world = settings.Game.Create(Session.OptionsOf(report.SessionId!, ticksPerSecond, settings));
        var decoder = new FrameDecoder();
        var differing = new List<long>();
        foreach (var frame in report.Updates)
        {
            while (world.Tick <= frame.Tick)
            {
                world.Advance(0, LocalResults.Instance);
            }

            if (!decoder.Decode(frame) || !FrameRenderer.Render(world, settings.Frame).AsSpan().SequenceEqual(decoder.Current))
            {
                differing.Add(frame.Tick);
            }
        }

        return [.. differing];
    }
}
