using System.Diagnostics;
using P2C2R.Actors;
using P2C2R.Coordinator;
using P2C2R.Coordinator.Persistence;
using P2C2R.Coordinator.Scheduling;
using P2C2R.Persistence;
using P2C2R.Persistence.Sqlite;
using P2C2R.Hocon;
using P2C2R.PeerNode.Helping;
using P2C2R.Protocol;
using P2C2R.Remote;
using P2C2R.Remote.Serialization;
using P2C2R.Tasks;
using P2C2R.Tasks.Golden;

namespace P2C2R.Benchmarks;

/// <summary>
/// <c>-- scheduler</c>: how many tasks one coordinator pushes through N helpers over loopback
/// (cheap dialogue tasks, so coordination rather than compute is measured, every helper trusted
/// so each result is verified once) and their end-to-end latency. The baseline is the same tasks
/// executed directly in one thread, with no scheduling, remoting or validation. Then failover:
/// under the same load, a helper holding tasks shuts down, and the time from its shutdown to
/// its tasks being re-dispatched is measured, twenty times.
/// </summary>
public static class SchedulerHarness
{
    private const int Concurrency = 8;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);
    private static readonly MessageRegistry Registry = MessageRegistry.Create(new ProtocolMessages());
    private static readonly byte[] Input = GoldenInputs.For("ai.dialogue");
    private static readonly CoordinatorSettings SchedulerSettings = new() { CanaryRate = 0, TrustThreshold = 0 };

    private static HelperCapabilities Caps(string name) => new(name, "account-" + name, 2, 1L << 30, ["ai.dialogue"], 5, Concurrency);

    public static async Task RunAsync()
    {
        var baseline = Baseline();
        Console.WriteLine($"baseline: {baseline:N0} dialogue tasks/s executed directly on one thread");
        Console.WriteLine("| Helpers | Tasks/s | vs direct | Latency p50 | Latency p99 | By helpers |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var helpers in new[] { 1, 4, 16 })
        {
            var (rate, p50, p99, share) = await MeasureAsync(helpers);
            Console.WriteLine($"| {helpers} | {rate:N0} | {rate / baseline:0.000} | {p50:0.00} ms | {p99:0.00} ms | {share:P1} |");
        }

        await MeasureFailoverAsync(crash: false);
        await MeasureFailoverAsync(crash: true);
    }

    /// <summary>
    /// Forty helpers in turn join a loaded coordinator, take tasks, and shut down (or crash: their
    /// connections close with no goodbye, as a killed process's do); each failover is timed from
    /// the shutdown call or the crash.
    /// </summary>
    private static async Task MeasureFailoverAsync(bool crash)
    {
        const int Trials = 40;
        await using var cluster = await BenchCluster.StartAsync(3, SchedulerSettings, Caps);
        var done = new TaskCompletionSource<DriverReport>();
        cluster.Coordinator.ActorOf(Props.Create(() => new Driver(cluster.Scheduler, 3 * Concurrency + Concurrency, TimeSpan.FromSeconds(Trials), done)), "driver");
        var shutdowns = new List<DateTime>();
        for (var trial = 0; trial < Trials; trial++)
        {
            var victim = cluster.AddHelper($"victim-{trial}", Caps);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            shutdowns.Add(DateTime.UtcNow);
            if (crash)
            {
                RemoteTransport.Get(victim).Abort();
            }

            await victim.Terminate();
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var stats = await cluster.Scheduler.Ask<SchedulerStats>(new QuerySchedulerStats(), TimeSpan.FromSeconds(5));
        var delays = stats.FailoverAt.Select(at => (at - shutdowns.Last(s => s <= at)).TotalMilliseconds).Order().ToArray();
        var work = stats.FailoverMs.Order().ToArray();
        var death = crash ? "crash (connection closed, no goodbye)" : "shutdown";
        Console.WriteLine($"failover, helper {death} to its tasks re-dispatched ({delays.Length} of {Trials} victims held tasks): " +
            $"p50 {delays[delays.Length / 2]:0.00} ms, p95 {delays[(int)(delays.Length * 0.95)]:0.00} ms, max {delays[^1]:0.00} ms");
        Console.WriteLine($"failover after a {death}, scheduler work per lost helper: p50 {work[work.Length / 2]:0.000} ms, max {work[^1]:0.000} ms");
    }

    private static double Baseline()
    {
        TaskExecutors.TryGet("ai.dialogue", out var executor);
        var clock = Stopwatch.StartNew();
        var count = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            executor.Execute(Input);
            count++;
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    private static async Task<(double Rate, double P50, double P99, double Share)> MeasureAsync(int helperCount)
    {
        DriverReport report;
        await using (var cluster = await BenchCluster.StartAsync(helperCount, SchedulerSettings, Caps))
        {
            var done = new TaskCompletionSource<DriverReport>();
            cluster.Coordinator.ActorOf(Props.Create(() => new Driver(cluster.Scheduler, helperCount * Concurrency, Duration, done)), "driver");
            report = await done.Task;
        }

        var sorted = report.Latencies.Order().ToArray();
        return (report.Count / Duration.TotalSeconds, sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.99)], (double)report.ByHelpers / report.Count);
    }

    private sealed record DriverReport(int Count, int ByHelpers, double[] Latencies);

    /// <summary>Keeps a window of tasks outstanding for a while, then reports what came back.</summary>
    private sealed class Driver : ReceiveActor
    {
        private readonly Dictionary<long, long> _sent = [];
        private readonly List<double> _latencies = [];
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _next;
        private int _byHelpers;

        public Driver(IActorRef scheduler, int window, TimeSpan duration, TaskCompletionSource<DriverReport> done)
        {
            Receive<WorkDone>(work =>
            {
                if (_sent.Remove(work.Key, out var started))
                {
                    _latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    _byHelpers += work.ByHelper ? 1 : 0;
                }

                if (_clock.Elapsed < duration)
                {
                    Send(scheduler);
                }
                else if (_sent.Count == 0)
                {
                    done.TrySetResult(new DriverReport(_latencies.Count, _byHelpers, [.. _latencies]));
                }
            });
            for (var i = 0; i < window; i++)
            {
                Send(scheduler);
            }
        }

        private void Send(IActorRef scheduler)
        {
            var key = ++_next;
            _sent[key] = Stopwatch.GetTimestamp();
            scheduler.Tell(new WorkItem(key, "ai.dialogue", Input, 5, DateTime.UtcNow.AddMilliseconds(200)), Self);
        }
    }
}
