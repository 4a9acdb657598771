using System.Globalization;
using System.Security.Cryptography;
using Akka.Actor;
using Akka.Configuration;
using P2C2R.Benchmarks.Processes;
using P2C2R.Edge.Client;
using P2C2R.GamerClient.Connection;
using P2C2R.GamerClient.Play;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Benchmarks.Game;

/// <summary>
/// <c>-- game [N]</c>, the product measure: what one voxel-game session costs its coordinator with
/// no helper and with N (3 by default). The coordinator is a whole node in a process of its own
/// (<see cref="CoordinatorServer"/>); its CPU time comes from <c>/proc/PID/stat</c> and its edge
/// traffic from counters on its sockets (<see cref="EdgeTraffic"/>). Helpers
/// (<see cref="HelperFleet"/>) and the gamer (GamerClient's connection and play actor, steering by
/// autopilot and decoding every frame) run in this process, so their CPU is not counted. One
/// coordinator serves every run: four unreported sessions warm it up first, at 60 and at 30 ticks/s each one alone (the
/// coordinator computing every task) and one with helpers, each playing until the coordinator's JIT
/// has gone quiet, so neither side of the ratio pays for the JIT (each row reports the JIT time
/// left in its window); each session plays a few seconds before its window opens. Default validation applies (newcomers' tasks replicated
/// and compared, canaries mixed in), with each helper a host of its own. Runs: at 30 and 60 ticks/s
/// alone and with N helpers, and at 30 with 10. Everything shares this machine's cores.
/// </summary>
public static class GameHarness
{
    private static TimeSpan Window = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SessionWarmUp = TimeSpan.FromSeconds(3);

    /// <summary>Each unreported warm-up session: a process's first seconds run code the JIT has not optimized yet.</summary>
    private static readonly TimeSpan FirstWarmUp = TimeSpan.FromSeconds(6);

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan JitQuietSpan = TimeSpan.FromSeconds(3);

    private const int QuietJitMethods = 5;

    public static async Task RunAsync(int helperCount, int windowSeconds)
    {
        Window = TimeSpan.FromSeconds(windowSeconds);
        var steal = StealMeter.Start();
        var folder = Directory.CreateTempSubdirectory("p2c2r-bench-game-").FullName;
        var rows = new List<string>();
        var kinds = new List<string>();
        try
        {
            await using var coordinator = await ChildProcess.StartAsync("coordinator", folder);
            var run = 0;
            foreach (var ticks in new[] { 60, 30 })
            {
                await PlayAsync(coordinator, ticks, 0, ++run, FirstWarmUp, measure: false);
                await PlayAsync(coordinator, ticks, helperCount, ++run, FirstWarmUp, measure: false);
            }

            foreach (var ticks in new[] { 30, 60 })
            {
                var alone = (await PlayAsync(coordinator, ticks, 0, ++run, SessionWarmUp, measure: true))!;
                var helped = (await PlayAsync(coordinator, ticks, helperCount, ++run, SessionWarmUp, measure: true))!;
                rows.Add(alone.Row(ticks, 0, alone));
                rows.Add(helped.Row(ticks, helperCount, alone));
                kinds.Add(helped.Kinds(ticks, helperCount));
                if (ticks == 30 && helperCount != 10)
                {
                    var many = (await PlayAsync(coordinator, ticks, 10, ++run, SessionWarmUp, measure: true))!;
                    rows.Add(many.Row(ticks, 10, alone));
                    kinds.Add(many.Kinds(ticks, 10));
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Console.WriteLine($"game: one session, {Window.TotalSeconds:0} s measured after {SessionWarmUp.TotalSeconds:0} s of play; coordinator CPU from /proc, edge bytes counted on its sockets; {steal.Since()}");
        Console.WriteLine("| Ticks/s asked | Ticks/s played | Helpers | Coordinator CPU per tick | vs no helper | Session's own CPU figure | Bytes to helpers per tick | Session's own figure | Bytes from helpers per tick | Bytes to the gamer per tick | To helpers / to gamer | Frames/s | Latency p50 | Latency p99 | Helper-computed share | Coordinator-computed tasks | Ticks on time | JIT in the window |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        Console.WriteLine();
        Console.WriteLine("Bytes to helpers per tick by kind (the scheduler's count; blobs apart from the task messages):");
        foreach (var line in kinds)
        {
            Console.WriteLine(line);
        }
    }

    private static async Task<Run?> PlayAsync(ChildProcess coordinator, int ticksPerSecond, int helpers, int run, TimeSpan warmUp, bool measure)
    {
        await using var fleet = HelperFleet.Start(helpers, coordinator.Port, run);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var address = new CoordinatorAddress("127.0.0.1", coordinator.Port);
        var client = new EdgeClientSettings([address], EdgeRole.Gamer, "bench-gamer", key);
        var settings = new GamerSettings([address], "", null, "bench-gamer", Wait, Wait);
        var system = ActorSystem.Create("gamer", ConfigurationFactory.ParseString("akka { loglevel = WARNING, log-dead-letters = off }"));
        await using var connection = await GamerConnection.AttachAsync(system, context => context.ActorOf(EdgeClientActor.Props(client, context.Self), "edge"), settings, ownsSystem: true);
        var started = new TaskCompletionSource<SessionStarted>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ended = new TaskCompletionSource<SessionEnded>(TaskCreationOptions.RunContinuationsAsynchronously);
        var player = system.ActorOf(PlayActor.Props(connection.Link, new PlayOptions(ticksPerSecond, Autopilot: true), started, ended), "player");
        var tap = system.ActorOf(Props.Create(() => new FrameTap(player)), "tap");
        connection.Subscribe(tap);
        await started.Task.WaitAsync(Wait);
        await UntilHelpersSeenAsync(tap, helpers);
        await Task.Delay(warmUp);
        if (!measure)
        {
            await UntilJitQuietAsync(coordinator);
        }

        Run? result = null;
        if (measure)
        {
            await tap.Ask<WindowOpened>(new OpenWindow(), Wait);
            var (cpu, bytes, kinds, jit) = (coordinator.Cpu, await TrafficAsync(coordinator), await KindsAsync(coordinator), await JitAsync(coordinator));
            // On stderr, apart from the table: when to attach a profiler (perf record -p PID) to this window.
            Console.Error.WriteLine($"window-open {ticksPerSecond} {helpers} {coordinator.Pid}");
            await Task.Delay(Window);
            Console.Error.WriteLine($"window-close {ticksPerSecond} {helpers}");
            var report = await tap.Ask<WindowReport>(new CloseWindow(), Wait);
            var after = await KindsAsync(coordinator);
            var sent = after.ToDictionary(k => k.Key, k => k.Value - kinds.GetValueOrDefault(k.Key), StringComparer.Ordinal);
            var (jitTime, jitMethods) = await JitAsync(coordinator);
            result = new Run(report, coordinator.Cpu - cpu, (await TrafficAsync(coordinator)).Minus(bytes), Window, sent, jitTime - jit.Time, jitMethods - jit.Methods);
        }

        player.Tell(EndPlay.Instance);
        await ended.Task.WaitAsync(Wait);
        return result;
    }

    /// <summary>Waits until the session's frames count <paramref name="helpers"/> helpers (the last run's have left, this run's have registered).</summary>
    private static async Task UntilHelpersSeenAsync(IActorRef tap, int helpers)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (await tap.Ask<int>(new HelpersSeen(), Wait) != helpers)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the session never counted {helpers} helpers");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<Traffic> TrafficAsync(ChildProcess coordinator)
    {
        var fields = (await coordinator.AskAsync("bytes")).Split(' ').Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return new Traffic(fields[0], fields[1], fields[2], fields[3]);
    }

    private static async Task<Dictionary<string, long>> KindsAsync(ChildProcess coordinator)
    {
        var answer = (await coordinator.AskAsync("kinds"))["kinds".Length..].Trim();
        return answer.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    /// <summary>
    /// A warm-up session plays on until the coordinator's JIT has compiled at most
    /// <see cref="QuietJitMethods"/> methods in a <see cref="JitQuietSpan"/> (tiered compilation
    /// optimizes code it sees called often, seconds after it first ran), or for <see cref="Wait"/>
    /// three times at most.
    /// </summary>
    private static async Task UntilJitQuietAsync(ChildProcess coordinator)
    {
        var deadline = DateTime.UtcNow + 3 * Wait;
        var (_, before) = await JitAsync(coordinator);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(JitQuietSpan);
            var (_, now) = await JitAsync(coordinator);
            if (now - before <= QuietJitMethods)
            {
                return;
            }

            before = now;
        }
    }

    /// <summary>The coordinator's JIT compiler so far: its time, and the methods it compiled.</summary>
    private static async Task<(TimeSpan Time, long Methods)> JitAsync(ChildProcess coordinator)
    {
        var fields = (await coordinator.AskAsync("jit")).Split(' ');
        return (TimeSpan.FromTicks(long.Parse(fields[1], CultureInfo.InvariantCulture)), long.Parse(fields[2], CultureInfo.InvariantCulture));
    }

    /// <summary>Bytes on the coordinator's edge sockets, by direction and role.</summary>
    private sealed record Traffic(long ToHelpers, long FromHelpers, long ToGamers, long FromGamers)
    {
        public Traffic Minus(Traffic earlier) =>
            new(ToHelpers - earlier.ToHelpers, FromHelpers - earlier.FromHelpers, ToGamers - earlier.ToGamers, FromGamers - earlier.FromGamers);
    }

    /// <summary>One measured window.</summary>
    private sealed record Run(WindowReport Report, TimeSpan Cpu, Traffic Bytes, TimeSpan Elapsed, IReadOnlyDictionary<string, long> SentByKind, TimeSpan Jit, long JitMethods)
    {
        private long Ticks => Math.Max(1, Report.Last.Ticks - Report.First.Ticks);

        private double CpuMsPerTick => Cpu.TotalMilliseconds / Ticks;

        /// <summary>The bytes sent to helpers per tick by kind, largest first.</summary>
        public string Kinds(int ticksPerSecond, int helpers) => string.Create(CultureInfo.InvariantCulture,
            $"- {ticksPerSecond} ticks/s, {helpers} helpers: {string.Join(", ", SentByKind.Where(k => k.Value > 0).OrderByDescending(k => k.Value).ThenBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {(double)k.Value / Ticks:N0} B"))}");

        public string Row(int ticksPerSecond, int helpers, Run alone)
        {
            var (first, last) = (Report.First, Report.Last);
            var helperComputed = last.HelperComputed - first.HelperComputed;
            var coordinatorComputed = last.CoordinatorComputed - first.CoordinatorComputed;
            var share = helperComputed + coordinatorComputed == 0 ? 0 : (double)helperComputed / (helperComputed + coordinatorComputed);
            var toHelpers = (double)Bytes.ToHelpers / Ticks;
            var toGamer = (double)Bytes.ToGamers / Ticks;
            var ratio = Bytes.ToGamers == 0 ? "n/a" : (toHelpers / toGamer).ToString("0.00", CultureInfo.InvariantCulture);
            var sessionCpu = (last.CoordinatorCpuMicros - first.CoordinatorCpuMicros) / 1000.0 / Ticks;
            var sessionBytes = (double)(last.HelperBytes - first.HelperBytes) / Ticks;
            var late = last.LateTicks - first.LateTicks;
            var onTime = 1 - (double)late / (Ticks + late);
            return string.Create(CultureInfo.InvariantCulture,
                $"| {ticksPerSecond} | {Ticks / Elapsed.TotalSeconds:0.0} | {helpers}{(helpers == 0 ? " (baseline)" : "")} | {CpuMsPerTick:0.00} ms | {CpuMsPerTick / alone.CpuMsPerTick:0.00} | {sessionCpu:0.00} ms | {toHelpers:N0} B | {sessionBytes:N0} B | {(double)Bytes.FromHelpers / Ticks:N0} B | {toGamer:N0} B | {ratio} | {Report.Frames / Elapsed.TotalSeconds:0.0} | {Report.LatencyP50Ms:0.0} ms | {Report.LatencyP99Ms:0.0} ms | {share:P1} | {coordinatorComputed} | {onTime:P1} | {Jit.TotalMilliseconds / Ticks:0.00} ms ({JitMethods} methods) |");
        }
    }
}
