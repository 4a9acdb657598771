using System.Diagnostics;

namespace P2C2R.Actors.Tests;

[CollectionDefinition(nameof(SerialCollection), DisableParallelization = true)]
public sealed class SerialCollection;

/// <summary>Runs alone: it measures process-wide timers and threads.</summary>
[Collection(nameof(SerialCollection))]
public sealed class ShutdownTests
{
    [Fact]
    public void Shutting_down_10000_actors_leaves_no_thread_or_timer_behind()
    {
        using (new Timer(_ => { }, null, 0, Timeout.Infinite))
        {
            // Starts the runtime's timer thread, if this is the process's first timer, before counting threads.
        }

        var timersBefore = Timer.ActiveCount;
        var dedicatedThreadsBefore = DedicatedThreads();
        var system = ActorSystem.Create("many");
        var refs = new List<LocalActorRef>();
        for (var i = 0; i < 100; i++)
        {
            var parent = system.ActorOf(Props.Create(() => new TickingParent(100)), $"p{i}");
            refs.Add((LocalActorRef)parent);
        }

        var deadline = Stopwatch.StartNew();
        while (system.Scheduler.ActiveCount < 10_100 && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(10);
        }

        Assert.Equal(10_100, system.Scheduler.ActiveCount);
        Assert.True(system.Terminate().Wait(TimeSpan.FromSeconds(30)), "system did not terminate");
        Assert.All(refs, r => Assert.True(r.IsTerminated));
        Assert.All(refs.SelectMany(r => r.Cell.ChildEntries()), c => Assert.Fail($"{c.Actor.Path} is still a child"));
        Assert.Equal(0, system.Scheduler.ActiveCount);
        Eventually(() => Timer.ActiveCount <= timersBefore, () => $"{Timer.ActiveCount - timersBefore} timers left behind");
        Eventually(() => DedicatedThreads() <= dedicatedThreadsBefore, () => $"the runtime left {DedicatedThreads() - dedicatedThreadsBefore} threads of its own behind");
    }

    /// <summary>Threads and timers disposed during shutdown leave the process a moment later.</summary>
    private static void Eventually(Func<bool> condition, Func<string> failure)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition() && deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            Thread.Sleep(20);
        }

        Assert.True(condition(), failure());
    }

    private static int DedicatedThreads()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.Threads.Count - ThreadPool.ThreadCount;
    }

    private sealed class TickingParent : ActorBase, IWithTimers
    {
        public TickingParent(int children)
        {
            for (var i = 0; i < children; i++)
            {
                Context.ActorOf(Props.Create<TickingChild>(), $"c{i}");
            }
        }

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PreStart() => Timers.StartPeriodicTimer("tick", "tick", TimeSpan.FromMilliseconds(50));

        protected internal override bool Receive(object message) => true;
    }

    private sealed class TickingChild : ActorBase, IWithTimers
    {
        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PreStart() => Timers.StartPeriodicTimer("tick", "tick", TimeSpan.FromMilliseconds(50));

        protected internal override bool Receive(object message) => true;
    }
}
