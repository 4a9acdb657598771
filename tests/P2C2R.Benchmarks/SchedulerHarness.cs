using System.Diagnostics;
using P2C2R.Actors;
using P2C2R.Coordinator;
using P2C2R.Coordinator.Scheduling;
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
/// executed directly in one thread, with no scheduling, remoting or validation.
/// </summary>
public static class SchedulerHarness
{
    private const int Concurrency = 8;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);
    private static readonly MessageRegistry Registry = MessageRegistry.Create(new ProtocolMessages());
    private static readonly byte[] Input = GoldenInputs.For("ai.dialogue");

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
        var systems = new List<ActorSystem>();
        var coordinator = ActorSystem.Create("coordinator", Config.Parse("p2c2r.remote { hostname = 127.0.0.1, port = 0 }"));
        systems.Add(coordinator);
        var remote = RemoteTransport.Start(coordinator, Registry);
        var settings = new CoordinatorSettings { CanaryRate = 0, TrustThreshold = 0 };
        coordinator.ActorOf(Props.Create(() => new CoordinatorRoot(settings)), CoordinatorRoot.Name);
        var registryPath = remote.Address + "/user/coordinator/registry";
        for (var i = 0; i < helperCount; i++)
        {
            var helper = ActorSystem.Create($"helper-{i}", Config.Parse("p2c2r.remote { hostname = 127.0.0.1, listen = off, role = peer }"));
            RemoteTransport.Start(helper, Registry);
            var caps = new HelperCapabilities($"helper-{i}", $"account-{i}", 2, 1L << 30, ["ai.dialogue"], 5, Concurrency);
            helper.ActorOf(Props.Create(() => new HelperActor(registryPath, caps, new InProcessRunner())), "helper");
            systems.Add(helper);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var scheduler = remote.ResolveRef(remote.Address + "/user/coordinator/scheduler");
        var done = new TaskCompletionSource<DriverReport>();
        coordinator.ActorOf(Props.Create(() => new Driver(scheduler, helperCount * Concurrency, done)), "driver");
        var report = await done.Task;
        foreach (var system in systems.AsEnumerable().Reverse())
        {
            await system.Terminate();
        }

        var sorted = report.Latencies.Order().ToArray();
        return (report.Count / Duration.TotalSeconds, sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.99)], (double)report.ByHelpers / report.Count);
    }

    private sealed record DriverReport(int Count, int ByHelpers, double[] Latencies);

    /// <summary>Keeps as many tasks outstanding as the helpers run at once, for <see cref="Duration"/>.</summary>
    private sealed class Driver : ReceiveActor
    {
        private readonly Dictionary<long, long> _sent = [];
        private readonly List<double> _latencies = [];
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _next;
        private int _byHelpers;

        public Driver(IActorRef scheduler, int window, TaskCompletionSource<DriverReport> done)
        {
            Receive<WorkDone>(work =>
            {
                if (_sent.Remove(work.Key, out var started))
                {
                    _latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    _byHelpers += work.ByHelper ? 1 : 0;
                }

                if (_clock.Elapsed < Duration)
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
