using System.Diagnostics;
using P2C2R.EndToEnd.Tests.Cluster;
using P2C2R.PeerNode.Helping;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// A helper asked to drain in the middle of a session (what Ctrl+C does to a PeerNode) against the
/// real coordinator: it hands back what waits, finishes what runs, says Goodbye and leaves for good,
/// and the session does not notice: its frames keep coming, in order and exact.
/// </summary>
[Collection(nameof(Simulations))]
public sealed class HelperDrainTests
{
    private static readonly TimeSpan RunningTaskTakes = TimeSpan.FromMilliseconds(400);

    [Fact]
    public async Task A_draining_helper_hands_back_waiting_work_finishes_what_runs_and_leaves_while_the_session_plays_on()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new() { ["p2c2r.coordinator.session.ticks-per-second"] = "30" });
        var runner = new HoldingRunner(holdFrom: 10);
        var drainer = cluster.AddHelper("drainer", runner, concurrency: 1);
        cluster.AddHelper("helper-1");
        cluster.AddHelper("helper-2");
        await cluster.Coordinator.WaitForHelpersAsync(3, TimeSpan.FromSeconds(10));
        var gamer = await cluster.StartSessionAsync(30);
        await runner.Holding.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await WaitForQueuedWorkAsync(drainer, TimeSpan.FromSeconds(10));

        var clock = Stopwatch.StartNew();
        var release = Task.Delay(RunningTaskTakes).ContinueWith(_ => runner.Release(), TaskScheduler.Default);
        var drained = await drainer.Actor.Ask<Drained>(new Drain(TimeSpan.FromSeconds(5)), TimeSpan.FromSeconds(8));
        var drainTook = clock.Elapsed;
        await release;
        var left = await WaitForDirectoryAsync(cluster.Coordinator, 2, TimeSpan.FromSeconds(3));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var stillOut = await cluster.Coordinator.DirectoryAsync();
        var report = await EdgeParticipants.EndSessionAsync(gamer);

        Assert.True(drained.HandedBack >= 1, $"the drain handed back {drained.HandedBack} tasks though the helper held queued ones");
        Assert.True(drained.TasksDone >= 1, $"{drained}");
        Assert.True(drainTook >= RunningTaskTakes - TimeSpan.FromMilliseconds(50), $"drained after {drainTook.TotalMilliseconds:0} ms, before its running task could finish");
        Assert.True(left, "the drained helper is still in the coordinator's directory 3 s after its drain");
        Assert.DoesNotContain(stillOut.Helpers, h => h.Account == drainer.Account);
        var final = report.Final!;
        Assert.Equal(0, final.ValidationRejects);
        Assert.Equal(Enumerable.Range(0, report.Frames.Length).Select(i => (long)i), report.Frames.Select(f => f.Tick));
        var gaps = report.Frames.Zip(report.Frames.Skip(1), (a, b) => (b.At - a.At).TotalMilliseconds).ToArray();
        Assert.True(gaps.Max() < 1000, $"a {gaps.Max():0} ms gap between frames; {final}");
        ReferenceFrames.AssertExact(report, cluster.Settings, 30);
    }

    /// <summary>Waits until the helper reports a task running and at least one more waiting for a slot.</summary>
    private static async Task WaitForQueuedWorkAsync(SimulatedHelper helper, TimeSpan timeout)
    {
        var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listener = helper.System.ActorOf(Props.Create(() => new StatusListener(queued)));
        helper.System.EventStream.Subscribe(listener, typeof(HelperStatus));
        try
        {
            await queued.Task.WaitAsync(timeout);
        }
        finally
        {
            helper.System.Stop(listener);
        }
    }

    private static async Task<bool> WaitForDirectoryAsync(InProcessCoordinator coordinator, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if ((await coordinator.DirectoryAsync()).Helpers.Count == count)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    private sealed class StatusListener : ReceiveActor
    {
        public StatusListener(TaskCompletionSource queued) => Receive<HelperStatus>(status =>
        {
            if (status.Running >= 1 && status.Queued >= 1)
            {
                queued.TrySetResult();
            }
        });
    }
}
