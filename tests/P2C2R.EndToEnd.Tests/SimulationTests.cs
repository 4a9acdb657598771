using P2C2R.Coordinator;
using P2C2R.Coordinator.Scheduling;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// The coordinator with helpers over loopback, in one process. Durations and counts are bounded;
/// assertions are about correctness (ticks complete, wrong results never used), with margins for
/// a 2-core machine running coordinator, helpers and gamer at once.
/// </summary>
[Collection(nameof(Simulations))]
public sealed class SimulationTests : TestKit.TestKit
{
    private static readonly CoordinatorSettings Coordination = new() { TicksPerSecond = 30 };

    [Fact]
    public async Task Honest_helpers_do_almost_all_the_work_and_every_tick_completes()
    {
        var cluster = new SimulatedCluster(this, Coordination);
        for (var i = 0; i < 10; i++)
        {
            cluster.AddHelper($"helper-{i}", $"account-{i}");
        }

        await cluster.WaitForHelpersAsync(10, TimeSpan.FromSeconds(10));
        var gamer = cluster.StartSession(30);
        await Task.Delay(TimeSpan.FromSeconds(6));
        var report = await cluster.EndSessionAsync(gamer);
        var stats = await cluster.Local("scheduler").Ask<SchedulerStats>(new QuerySchedulerStats(), TimeSpan.FromSeconds(5));

        Assert.NotNull(report.Final);
        var final = report.Final!;
        Assert.True(final.Ticks >= 120, $"only {final.Ticks} ticks in 6 s at 30 ticks/s; {final}; {stats}; frames {report.Frames.Length}");
        Assert.InRange(final.Ticks - report.Frames.Length, 0, Coordination.TicksInFlight);
        Assert.Equal(Enumerable.Range(0, report.Frames.Length).Select(i => (long)i), report.Frames.Select(f => f.Tick));
        Assert.Equal(0, final.ValidationRejects);
        Assert.True(final.HelperTasks >= final.TasksTotal * 0.95 - Coordination.TicksInFlight * 8, $"helpers did {final.HelperTasks} of {final.TasksTotal} tasks; {stats}");
    }
}

[CollectionDefinition(nameof(Simulations), DisableParallelization = true)]
public sealed class Simulations;
