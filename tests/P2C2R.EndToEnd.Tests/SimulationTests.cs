using P2C2R.Coordinator;
using P2C2R.Coordinator.Scheduling;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// The coordinator with helpers over loopback, in one process. Durations and counts are bounded;
/// assertions are about correctness (every tick's frame arrives in order, wrong results never
/// used, the right helpers quarantined). Rates are only checked for liveness, with wide margins:
/// a 2-core VM runs coordinator, helpers and gamer at once, sometimes with half its CPU stolen.
/// Throughput is measured by the benchmarks, not here.
/// </summary>
[Collection(nameof(Simulations))]
public sealed class SimulationTests : TestKit.TestKit
{
    private static readonly CoordinatorSettings Coordination = new() { TicksPerSecond = 30 };

    /// <summary>
    /// Ten honest helpers, one session at 60 ticks/s for 10 s. Every tick the session played has
    /// its frame, in order and byte-exact; helpers do at least 95 % of the tasks. The tick count is
    /// only checked for liveness: on this shared 2-core machine the coordinator, ten helpers and
    /// the gamer all run here, so the session may wait a frame when the machine stalls. The frame
    /// is a quarter of the default's pixels, so that twelve systems on two cores keep up even with
    /// half a core taken by another process (99 % by helpers then, against 84 % at full size);
    /// the default frame at 60 ticks/s with ten helpers is measured by <c>-- game 10</c>.
    /// </summary>
    [Fact]
    public async Task Honest_helpers_do_almost_all_the_work_and_every_tick_completes()
    {
        var settings = Coordination with { TicksPerSecond = 60, Frame = new GameSdk.FrameFormat(64, 36, 128, 72, 4) };
        var cluster = new SimulatedCluster(this, settings);
        for (var i = 0; i < 10; i++)
        {
            cluster.AddHelper($"helper-{i}", $"account-{i}");
        }

        await cluster.WaitForHelpersAsync(10, TimeSpan.FromSeconds(10));
        var gamer = cluster.StartSession(60);
        await Task.Delay(TimeSpan.FromSeconds(10));
        var report = await cluster.EndSessionAsync(gamer);
        var stats = await cluster.Local("scheduler").Ask<SchedulerStats>(new QuerySchedulerStats(), TimeSpan.FromSeconds(5));

        Assert.NotNull(report.Final);
        var final = report.Final!;
        Assert.True(final.Ticks >= 200, $"only {final.Ticks} ticks in 10 s at 60 ticks/s (a third is the liveness bound); {final}; {stats}; frames {report.Frames.Length}");
        Assert.InRange(final.Ticks - report.Frames.Length, 0, settings.TicksInFlight);
        Assert.Equal(Enumerable.Range(0, report.Frames.Length).Select(i => (long)i), report.Frames.Select(f => f.Tick));
        Assert.Equal(0, final.ValidationRejects);
        ReferenceFrames.AssertExact(report, settings, 60);
        Assert.True(final.HelperTasks >= final.TasksTotal * 0.95 - settings.TicksInFlight * 8, $"helpers did {final.HelperTasks} of {final.TasksTotal} tasks; {stats}");
    }

    [Fact]
    public async Task With_no_helpers_the_session_runs_on_local_computation()
    {
        var cluster = new SimulatedCluster(this, Coordination);
        var gamer = cluster.StartSession(30);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var report = await cluster.EndSessionAsync(gamer);

        var final = report.Final!;
        Assert.True(final.Ticks >= 20, $"only {final.Ticks} ticks in 3 s; {final}");
        Assert.InRange(final.Ticks - report.Frames.Length, 0, Coordination.TicksInFlight);
        Assert.Equal(0, final.HelperTasks);
        Assert.True(final.LocalFallbacks >= final.TasksTotal - Coordination.TicksInFlight * 8, $"{final}");
        ReferenceFrames.AssertExact(report, Coordination, 30);
    }

    [Fact]
    public async Task Cheating_helpers_are_caught_every_time_and_quarantined_while_honest_ones_are_not()
    {
        var cluster = new SimulatedCluster(this, Coordination);
        for (var i = 0; i < 12; i++)
        {
            cluster.AddHelper($"honest-{i}", $"honest-{i}");
        }

        cluster.AddHelper("random", "cheat-1", new CheatingRunner(Cheat.RandomBytes, 1));
        cluster.AddHelper("subtle", "cheat-2", new CheatingRunner(Cheat.SubtlyWrong, 2));
        cluster.AddHelper("replay", "cheat-3", new CheatingRunner(Cheat.Replayed, 3));
        await cluster.WaitForHelpersAsync(15, TimeSpan.FromSeconds(10));
        var gamer = cluster.StartSession(30);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var report = await cluster.EndSessionAsync(gamer);
        var directory = await cluster.Local("registry").Ask<Coordinator.Helpers.HelperDirectory>(new Coordinator.Helpers.SubscribeHelpers(), TimeSpan.FromSeconds(5));

        var final = report.Final!;
        Assert.True(final.ValidationRejects > 0, $"no wrong result was caught; {final}");
        Assert.All(directory.Helpers.Where(h => h.Account.StartsWith("cheat", StringComparison.Ordinal)), h => Assert.True(h.Quarantined, $"{h.Name} not quarantined (reputation {h.Reputation:0.00})"));
        Assert.All(directory.Helpers.Where(h => h.Account.StartsWith("honest", StringComparison.Ordinal)), h => Assert.False(h.Quarantined, $"{h.Name} quarantined"));
        Assert.Equal(Enumerable.Range(0, report.Frames.Length).Select(i => (long)i), report.Frames.Select(f => f.Tick));
        ReferenceFrames.AssertExact(report, Coordination, 30);
    }

    /// <summary>
    /// A helper's process dies while it holds a task: its socket closes with no goodbye, as with
    /// SIGKILL or a power cut. The coordinator takes the closed connection as the helper's loss at
    /// once (its failure detector, with a 3 s acceptable pause, would take seconds) and
    /// re-dispatches what it held with time to spare, so the loss makes no tick late by more than
    /// one frame. (A task may have waited in the helper's queue before it was held, and a loaded
    /// machine may run the fallback timer late, so the bound is one frame past the deadline; in
    /// practice the tasks still have most of their budget left.) Hedging is off here so the held
    /// task is still the victim's alone when it dies.
    /// </summary>
    [Fact]
    public async Task A_helper_killed_mid_run_has_its_tasks_reassigned_before_their_deadline_and_frames_keep_coming_exact()
    {
        var settings = Coordination with { MinimumHedgeDelay = TimeSpan.FromSeconds(10) };
        var cluster = new SimulatedCluster(this, settings);
        var victim = new HoldingRunner(holdFrom: 40);
        cluster.AddHelper("victim", "account-victim", victim);
        for (var i = 0; i < 3; i++)
        {
            cluster.AddHelper($"helper-{i}", $"account-{i}");
        }

        await cluster.WaitForHelpersAsync(4, TimeSpan.FromSeconds(10));
        var gamer = cluster.StartSession(30);
        await victim.Holding.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var killedAt = DateTime.UtcNow;
        await cluster.CrashAsync(cluster.Helpers[0]);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var report = await cluster.EndSessionAsync(gamer);
        var stats = await cluster.Local("scheduler").Ask<SchedulerStats>(new QuerySchedulerStats(), TimeSpan.FromSeconds(5));

        var final = report.Final!;
        var failover = stats.FailoverAt.Select((at, i) => (At: at, Slack: stats.FailoverSlackMs[i])).Where(f => f.At >= killedAt).ToArray();
        Assert.True(failover.Length == 1, $"{failover.Length} failovers after the crash; {stats}");
        var detected = failover[0].At - killedAt;
        Assert.True(detected < TimeSpan.FromSeconds(2), $"the held tasks were re-dispatched {detected.TotalMilliseconds:0} ms after the crash: the failure detector (3 s of acceptable pause here), not the closed connection, found it");
        var frame = 1000.0 / settings.TicksPerSecond;
        Assert.True(failover[0].Slack > -frame, $"a held task was re-dispatched {-failover[0].Slack:0} ms after its deadline, more than one frame ({frame:0} ms)");
        Assert.InRange(final.Ticks - report.Frames.Length, 0, settings.TicksInFlight);
        var after = report.Frames.Where(f => f.At > killedAt).Select(f => f.At).ToArray();
        Assert.True(after.Length >= 20, $"only {after.Length} frames after the kill");
        var worstGap = after.Zip(after.Skip(1), (a, b) => (b - a).TotalMilliseconds).Max();
        Assert.True(worstGap < 1000, $"a {worstGap:0} ms gap between frames after the kill; {final}");
        ReferenceFrames.AssertExact(report, settings, 30);
    }

    [Fact]
    public async Task Helpers_slower_than_the_deadline_are_hedged_and_fallen_back_on_so_ticks_stay_on_time()
    {
        var cluster = new SimulatedCluster(this, Coordination);
        for (var i = 0; i < 3; i++)
        {
            cluster.AddHelper($"slow-{i}", $"slow-{i}", new SlowRunner(TimeSpan.FromMilliseconds(400)));
        }

        for (var i = 0; i < 3; i++)
        {
            cluster.AddHelper($"fast-{i}", $"fast-{i}");
        }

        await cluster.WaitForHelpersAsync(6, TimeSpan.FromSeconds(10));
        var gamer = cluster.StartSession(30);
        await Task.Delay(TimeSpan.FromSeconds(4));
        var report = await cluster.EndSessionAsync(gamer);
        var stats = await cluster.Local("scheduler").Ask<SchedulerStats>(new QuerySchedulerStats(), TimeSpan.FromSeconds(5));

        var final = report.Final!;
        Assert.True(final.Ticks >= 40, $"only {final.Ticks} ticks in 4 s at 30 ticks/s; {final}");
        Assert.InRange(final.Ticks - report.Frames.Length, 0, Coordination.TicksInFlight);
        Assert.True(stats.Hedges + stats.LocalFallbacks > 0, $"{stats}");
        var gaps = report.Frames.Zip(report.Frames.Skip(1), (a, b) => (b.At - a.At).TotalMilliseconds).Order().ToArray();
        Assert.True(gaps[(int)(gaps.Length * 0.95)] < 500, $"95th percentile gap between frames {gaps[(int)(gaps.Length * 0.95)]:0} ms");
        ReferenceFrames.AssertExact(report, Coordination, 30);
    }

    [Fact]
    public async Task A_hundred_helpers_join_work_and_leave()
    {
        var cluster = new SimulatedCluster(this, Coordination);
        for (var i = 0; i < 100; i++)
        {
            cluster.AddHelper($"helper-{i}", $"account-{i}", concurrency: 1);
        }

        await cluster.WaitForHelpersAsync(100, TimeSpan.FromSeconds(30));
        var gamer = cluster.StartSession(30);
        await Task.Delay(TimeSpan.FromSeconds(3));
        foreach (var helper in cluster.Helpers.Take(50))
        {
            await helper.Terminate();
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var report = await cluster.EndSessionAsync(gamer);
        var directory = await cluster.Local("registry").Ask<Coordinator.Helpers.HelperDirectory>(new Coordinator.Helpers.SubscribeHelpers(), TimeSpan.FromSeconds(5));

        var final = report.Final!;
        Assert.True(final.HelperTasks > final.TasksTotal / 2, $"{final}");
        Assert.InRange(final.Ticks - report.Frames.Length, 0, Coordination.TicksInFlight);
        Assert.Equal(50, directory.Helpers.Count);
        Assert.Equal(Enumerable.Range(0, report.Frames.Length).Select(i => (long)i), report.Frames.Select(f => f.Tick));
    }
}

[CollectionDefinition(nameof(Simulations), DisableParallelization = true)]
public sealed class Simulations;
