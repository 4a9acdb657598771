using System.Diagnostics;
using P2C2R.EndToEnd.Tests.Cluster;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// The coordinator with helpers over its edge on loopback, in one process. Durations and counts
/// are bounded; assertions are about correctness (every tick's frame arrives in order, wrong
/// results never used, the right helpers quarantined). Rates are only checked for liveness, with
/// wide margins: a 2-core machine runs coordinator, helpers and gamer at once, sometimes with part
/// of its CPU taken by other work. Throughput is measured by the benchmarks, not here.
/// </summary>
[Collection(nameof(Simulations))]
public sealed class SimulationTests
{
    private static readonly Dictionary<string, string> ThirtyTicks = new() { ["p2c2r.coordinator.session.ticks-per-second"] = "30" };

    /// <summary>
    /// Ten honest helpers, one session at 60 ticks/s for 8 s. Every tick the session played has its
    /// frame, in order and byte-exact; helpers do at least 95 % of the tasks. The tick count is
    /// checked for liveness from below (the coordinator, ten helpers and the gamer all run in this
    /// process, so the session may wait a frame when the machine stalls) and from above against the
    /// clock (a session never plays faster than its rate). The frame is a quarter of the default's
    /// pixels, so that twelve systems on two cores keep up even when another process takes a share.
    /// Both ends of the frame chain: one <c>render.finish</c>, or an upscale and then a delta.
    /// </summary>
    [Theory]
    [InlineData("one-task")]
    [InlineData("upscale-then-deflate")]
    public async Task Honest_helpers_do_almost_all_the_work_and_every_tick_completes(string finish)
    {
        await using var cluster = await SimulatedCluster.StartAsync(new()
        {
            ["p2c2r.coordinator.game.frame.finish"] = finish,
            ["p2c2r.coordinator.game.frame.trace-width"] = "64",
            ["p2c2r.coordinator.game.frame.trace-height"] = "36",
            ["p2c2r.coordinator.game.frame.width"] = "128",
            ["p2c2r.coordinator.game.frame.height"] = "72",
        });
        for (var i = 0; i < 10; i++)
        {
            cluster.AddHelper($"helper-{i}");
        }

        await cluster.Coordinator.WaitForHelpersAsync(10, TimeSpan.FromSeconds(10));
        var gamer = await cluster.StartSessionAsync(60);
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(8));
        var report = await EdgeParticipants.EndSessionAsync(gamer);
        var played = clock.Elapsed;
        var stats = await cluster.Coordinator.SchedulerStatsAsync();

        var final = report.Final!;
        var settings = cluster.Settings;
        Assert.True(final.Ticks >= 160, $"only {final.Ticks} ticks in 8 s at 60 ticks/s (a third is the liveness bound); {final}; {stats}; frames {report.Frames.Length}");
        Assert.True(final.Ticks <= (played.TotalSeconds + 0.5) * 60, $"{final.Ticks} ticks in {played.TotalSeconds:0.0} s: faster than 60 ticks/s");
        Assert.InRange(final.Ticks - report.Frames.Length, 0, settings.TicksInFlight);
        Assert.Equal(Enumerable.Range(0, report.Frames.Length).Select(i => (long)i), report.Frames.Select(f => f.Tick));
        Assert.Equal(0, final.ValidationRejects);
        Assert.True(final.HelperComputed >= final.TasksTotal * 0.95 - settings.TicksInFlight * 8, $"helpers did {final.HelperComputed} of {final.TasksTotal} tasks; {stats}");
        ReferenceFrames.AssertExact(report, settings, 60);
    }

    [Fact]
    public async Task With_no_helpers_the_session_runs_on_local_computation()
    {
        await using var cluster = await SimulatedCluster.StartAsync(ThirtyTicks);
        var gamer = await cluster.StartSessionAsync(30);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var report = await EdgeParticipants.EndSessionAsync(gamer);

        var final = report.Final!;
        var settings = cluster.Settings;
        Assert.True(final.Ticks >= 20, $"only {final.Ticks} ticks in 3 s; {final}");
        Assert.InRange(final.Ticks - report.Frames.Length, 0, settings.TicksInFlight);
        Assert.Equal(0, final.HelperComputed);
        Assert.Equal(0, final.Helpers);
        Assert.True(final.CoordinatorComputed >= final.TasksTotal - settings.TicksInFlight * 8, $"{final}");
        ReferenceFrames.AssertExact(report, settings, 30);
    }

    [Fact]
    public async Task Cheating_helpers_are_caught_every_time_and_quarantined_while_honest_ones_are_not()
    {
        await using var cluster = await SimulatedCluster.StartAsync(ThirtyTicks);
        var honest = Enumerable.Range(0, 12).Select(i => cluster.AddHelper($"honest-{i}").Account).ToHashSet();
        var cheats = new[]
        {
            cluster.AddHelper("random", new CheatingRunner(Cheat.RandomBytes, 1)),
            cluster.AddHelper("subtle", new CheatingRunner(Cheat.SubtlyWrong, 2)),
            cluster.AddHelper("replay", new CheatingRunner(Cheat.Replayed, 3)),
        }.Select(h => h.Account).ToHashSet();
        await cluster.Coordinator.WaitForHelpersAsync(15, TimeSpan.FromSeconds(10));
        var gamer = await cluster.StartSessionAsync(30);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var report = await EdgeParticipants.EndSessionAsync(gamer);
        var directory = await cluster.Coordinator.DirectoryAsync();

        var final = report.Final!;
        Assert.True(final.ValidationRejects > 0, $"no wrong result was caught; {final}");
        Assert.Equal(15, directory.Helpers.Count);
        Assert.All(directory.Helpers.Where(h => cheats.Contains(h.Account)), h => Assert.True(h.Quarantined, $"{h.Name} not quarantined (reputation {h.Reputation:0.00})"));
        Assert.All(directory.Helpers.Where(h => honest.Contains(h.Account)), h => Assert.False(h.Quarantined, $"{h.Name} quarantined"));
        Assert.Equal(Enumerable.Range(0, report.Frames.Length).Select(i => (long)i), report.Frames.Select(f => f.Tick));
        ReferenceFrames.AssertExact(report, cluster.Settings, 30);
    }

    /// <summary>
    /// A helper goes away while it holds a task. The coordinator takes the closed connection as the
    /// helper's loss at once and re-dispatches what it held with time to spare, so the loss makes no
    /// tick late by more than one frame. (A task may have waited in the helper's queue before it was
    /// held, and a loaded machine may run the fallback timer late, so the bound is one frame past the
    /// deadline.) Hedging is off here so the held task is still the victim's alone when it goes.
    /// </summary>
    [Fact]
    public async Task A_helper_killed_mid_run_has_its_tasks_reassigned_before_their_deadline_and_frames_keep_coming_exact()
    {
        await using var cluster = await SimulatedCluster.StartAsync(new(ThirtyTicks) { ["p2c2r.coordinator.scheduling.minimum-hedge-delay"] = "10s" });
        var runner = new HoldingRunner(holdFrom: 10);
        var victim = cluster.AddHelper("victim", runner);
        for (var i = 0; i < 3; i++)
        {
            cluster.AddHelper($"helper-{i}");
        }

        await cluster.Coordinator.WaitForHelpersAsync(4, TimeSpan.FromSeconds(10));
        var gamer = await cluster.StartSessionAsync(30);
        await runner.Holding.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var killedAt = DateTime.UtcNow;
        await victim.CrashAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var report = await EdgeParticipants.EndSessionAsync(gamer);
        var stats = await cluster.Coordinator.SchedulerStatsAsync();

        var final = report.Final!;
        var failover = stats.FailoverAt.Select((at, i) => (At: at, Slack: stats.FailoverSlackMs[i])).Where(f => f.At >= killedAt).ToArray();
        Assert.True(failover.Length == 1, $"{failover.Length} failovers after the crash; {stats}");
        var detected = failover[0].At - killedAt;
        Assert.True(detected < TimeSpan.FromSeconds(2), $"the held tasks were re-dispatched {detected.TotalMilliseconds:0} ms after the crash");
        var frame = 1000.0 / 30;
        Assert.True(failover[0].Slack > -frame, $"a held task was re-dispatched {-failover[0].Slack:0} ms after its deadline, more than one frame ({frame:0} ms)");
        Assert.InRange(final.Ticks - report.Frames.Length, 0, cluster.Settings.TicksInFlight);
        var after = report.Frames.Where(f => f.At > killedAt).Select(f => f.At).ToArray();
        Assert.True(after.Length >= 20, $"only {after.Length} frames after the kill");
        var worstGap = after.Zip(after.Skip(1), (a, b) => (b - a).TotalMilliseconds).Max();
        Assert.True(worstGap < 1000, $"a {worstGap:0} ms gap between frames after the kill; {final}");
        ReferenceFrames.AssertExact(report, cluster.Settings, 30);
    }

    [Fact]
    public async Task Helpers_slower_than_the_deadline_are_hedged_and_fallen_back_on_so_ticks_stay_on_time()
    {
        await using var cluster = await SimulatedCluster.StartAsync(ThirtyTicks);
        for (var i = 0; i < 3; i++)
        {
            cluster.AddHelper($"slow-{i}", new SlowRunner(TimeSpan.FromMilliseconds(400)));
        }

        for (var i = 0; i < 3; i++)
        {
            cluster.AddHelper($"fast-{i}");
        }

        await cluster.Coordinator.WaitForHelpersAsync(6, TimeSpan.FromSeconds(10));
        var gamer = await cluster.StartSessionAsync(30);
        await Task.Delay(TimeSpan.FromSeconds(4));
        var report = await EdgeParticipants.EndSessionAsync(gamer);
        var stats = await cluster.Coordinator.SchedulerStatsAsync();

        var final = report.Final!;
        Assert.True(final.Ticks >= 40, $"only {final.Ticks} ticks in 4 s at 30 ticks/s; {final}");
        Assert.InRange(final.Ticks - report.Frames.Length, 0, cluster.Settings.TicksInFlight);
        Assert.True(stats.Hedges + stats.LocalFallbacks > 0, $"{stats}");
        var gaps = report.Frames.Zip(report.Frames.Skip(1), (a, b) => (b.At - a.At).TotalMilliseconds).Order().ToArray();
        Assert.True(gaps[(int)(gaps.Length * 0.95)] < 500, $"95th percentile gap between frames {gaps[(int)(gaps.Length * 0.95)]:0} ms");
        ReferenceFrames.AssertExact(report, cluster.Settings, 30);
    }

    /// <summary>
    /// A hundred helpers, each its own actor system, key and loopback address, join; half of them
    /// leave in the middle of a session; the session goes on and the registry ends with the fifty left.
    /// </summary>
    [Fact]
    public async Task A_hundred_helpers_join_work_and_leave()
    {
        await using var cluster = await SimulatedCluster.StartAsync(ThirtyTicks);
        for (var i = 0; i < 100; i++)
        {
            cluster.AddHelper($"helper-{i}", concurrency: 1);
        }

        await cluster.Coordinator.WaitForHelpersAsync(100, TimeSpan.FromSeconds(30));
        var gamer = await cluster.StartSessionAsync(30);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await Task.WhenAll(cluster.Helpers.Take(50).Select(h => h.CrashAsync()));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var report = await EdgeParticipants.EndSessionAsync(gamer);
        var directory = await cluster.Coordinator.DirectoryAsync();

        var final = report.Final!;
        Assert.True(final.HelperComputed > final.TasksTotal / 2, $"{final}");
        Assert.InRange(final.Ticks - report.Frames.Length, 0, cluster.Settings.TicksInFlight);
        Assert.Equal(50, directory.Helpers.Count);
        Assert.Equal(cluster.Helpers.Skip(50).Select(h => h.Account).Order(), directory.Helpers.Select(h => h.Account).Order());
        Assert.Equal(Enumerable.Range(0, report.Frames.Length).Select(i => (long)i), report.Frames.Select(f => f.Tick));
    }
}

[CollectionDefinition(nameof(Simulations), DisableParallelization = true)]
public sealed class Simulations;
