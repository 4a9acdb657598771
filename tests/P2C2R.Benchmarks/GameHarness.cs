using System.Diagnostics;
using System.Text.Json;
using P2C2R.Actors;
using P2C2R.Coordinator;
using P2C2R.Coordinator.Scheduling;
using P2C2R.GamerClient.Play;
using P2C2R.PeerNode.Helping;
using P2C2R.Protocol;
using P2C2R.Remote;
using P2C2R.Tasks;

namespace P2C2R.Benchmarks;

/// <summary>
/// <c>-- game [N]</c>: the voxel game as a gamer receives it. One session plays for 10 s with 3 (or N)
/// in-process helpers over loopback (validation and canaries as configured by default), at 30
/// and at 60 ticks/s, beside the same session computed by the coordinator alone (no helper);
/// the gamer's own play actor decodes every frame and reports frames/s, frame latency from
/// tick start to decoded frame, and bytes/s received. Everything shares this machine's cores.
/// </summary>
public static class GameHarness
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    /// <summary>An unreported session first: a process's first seconds run code the JIT has not optimized yet.</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(4);

    /// <summary>Runs the table; <c>-- game N</c> uses N helpers instead of 3.</summary>
    public static async Task RunAsync(int helperCount)
    {
        await PlayAsync(60, helperCount, WarmUp);
        Console.WriteLine("| Ticks/s | Helpers | Frames/s | vs local alone | Latency p50 | Latency p99 | KB/s to gamer | By helpers | Late ticks | Allocated per frame | Gen-2 GCs |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var ticks in new[] { 30, 60 })
        {
            var alone = await PlayAsync(ticks, helpers: 0, Duration);
            var helped = await PlayAsync(ticks, helperCount, Duration);
            foreach (var (helpers, run) in new[] { (0, alone), (helperCount, helped) })
            {
                Console.WriteLine($"| {ticks} | {helpers} | {run.Fps:0.0} | {run.Fps / alone.Fps:0.00} | {run.P50:0.0} ms | {run.P99:0.0} ms | {run.BytesPerSecond / 1024:0.0} | {run.Share:P0} | {run.Late} | {run.AllocatedPerFrame / 1024:N0} KB | {run.Gen2} |");
            }
        }

        await MeasureKillAsync(helperCount);
    }

    /// <summary>
    /// Helpers crashing mid-session (connections closed with no goodbye, as a killed process's
    /// are), at 30 ticks/s: 5 s of play untouched, then every second for 8 s the oldest helper
    /// crashes and a new one joins. Reported: how soon after each crash its tasks were re-dispatched
    /// and with how much time left before their deadline, and the gaps between decoded frames in
    /// both windows. A tick whose frame comes more than one frame late shows as a gap over two
    /// tick periods.
    /// </summary>
    private static async Task MeasureKillAsync(int helperCount)
    {
        const int Ticks = 30;
        const int Crashes = 8;
        var arrivals = new System.Collections.Concurrent.ConcurrentQueue<DateTime>();
        var settings = new CoordinatorSettings { TicksPerSecond = Ticks };
        await using var cluster = await BenchCluster.StartAsync(helperCount, settings, Capabilities);
        var play = await Gamer.StartAsync(cluster, Ticks, _ => arrivals.Enqueue(DateTime.UtcNow));
        var start = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(5));
        var churnFrom = DateTime.UtcNow;
        var crashes = new List<DateTime>();
        for (var i = 0; i < Crashes; i++)
        {
            var victim = cluster.Helpers[i];
            crashes.Add(DateTime.UtcNow);
            RemoteTransport.Get(victim).Abort();
            await victim.Terminate();
            cluster.AddHelper($"replacement-{i}", Capabilities);
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var churnTo = DateTime.UtcNow;
        var stats = await cluster.Scheduler.Ask<SchedulerStats>(new QuerySchedulerStats(), TimeSpan.FromSeconds(5));
        await play.EndAsync();
        var period = 1000.0 / Ticks;
        var times = arrivals.ToArray();
        string Gaps(DateTime from, DateTime to)
        {
            var window = times.Where(t => t >= from && t < to).ToArray();
            var gaps = window.Zip(window.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToArray();
            return $"worst gap {gaps.Max():0} ms, gaps over two periods {gaps.Count(g => g > 2 * period)} of {gaps.Length}";
        }

        var failovers = stats.FailoverAt.Select((at, i) => (Delay: (at - crashes.LastOrDefault(c => c <= at)).TotalMilliseconds, Slack: stats.FailoverSlackMs[i]))
            .Where((f, i) => stats.FailoverAt[i] >= churnFrom).ToArray();
        var delays = failovers.Select(f => f.Delay).Order().ToArray();
        var slack = failovers.Select(f => f.Slack).Where(s => s < TimeSpan.MaxValue.TotalMilliseconds).DefaultIfEmpty(double.NaN).Min();
        var redispatch = delays.Length == 0 ? "none held a task" :
            $"{delays.Length} held tasks, re-dispatched p50 {delays[delays.Length / 2]:0.0} ms and at most {delays[^1]:0.0} ms after the crash, the least time left before a deadline then {slack:0} ms";
        Console.WriteLine($"{Crashes} helper crashes, one a second, {Ticks} ticks/s, {helperCount} helpers: {redispatch}; " +
            $"frames before the crashes (1-5 s): {Gaps(start.AddSeconds(1), churnFrom)}; during them: {Gaps(churnFrom, churnTo)}");
    }

    /// <summary>A gamer system whose <see cref="PlayActor"/> (the one <c>GamerClient play</c> uses) steers by autopilot.</summary>
    private sealed record Gamer(IActorRef Player, IActorRef Sessions, string SessionId, Task<SessionEnded> Ended)
    {
        public static async Task<Gamer> StartAsync(BenchCluster cluster, int ticksPerSecond, Action<PlayStatus>? show)
        {
            var (system, sessions) = cluster.AddGamer("gamer");
            var started = new TaskCompletionSource<SessionStarted>(TaskCreationOptions.RunContinuationsAsynchronously);
            var ended = new TaskCompletionSource<SessionEnded>(TaskCreationOptions.RunContinuationsAsynchronously);
            var player = system.ActorOf(Props.Create(() => new PlayActor(started, ended, show, sessions, true, null)), "player");
            sessions.Tell(new StartSession(player, "bench", ticksPerSecond), player);
            var session = await started.Task.WaitAsync(TimeSpan.FromSeconds(15));
            return new Gamer(player, sessions, session.SessionId, ended.Task);
        }

        public async Task EndAsync()
        {
            Sessions.Tell(new EndSession(SessionId), Player);
            await Ended.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private static HelperCapabilities Capabilities(string name) =>
        new(name, "account-" + name, 2, 1L << 30, [.. TaskExecutors.All.Select(e => e.Type.Id)], 5, 2);

    private static async Task<Run> PlayAsync(int ticksPerSecond, int helpers, TimeSpan duration)
    {
        var settings = new CoordinatorSettings { TicksPerSecond = ticksPerSecond };
        await using var cluster = await BenchCluster.StartAsync(helpers, settings, Capabilities);
        var play = await Gamer.StartAsync(cluster, ticksPerSecond, null);
        var (allocated, gen2) = (GC.GetTotalAllocatedBytes(), GC.CollectionCount(2));
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration);
        var elapsed = clock.Elapsed.TotalSeconds;
        (allocated, gen2) = (GC.GetTotalAllocatedBytes() - allocated, GC.CollectionCount(2) - gen2);
        await play.EndAsync();
        using var json = JsonDocument.Parse(await play.Player.Ask<string>(new FinishPlay(elapsed), TimeSpan.FromSeconds(5)));
        var r = json.RootElement;
        var frames = Math.Max(1, r.GetProperty("frames").GetInt64());
        return new Run(r.GetProperty("fps").GetDouble(), r.GetProperty("frameLatencyMsP50").GetDouble(), r.GetProperty("frameLatencyMsP99").GetDouble(),
            r.GetProperty("bytesReceived").GetInt64() / elapsed, r.GetProperty("helperTaskShare").GetDouble(), r.GetProperty("lateTicks").GetInt64(),
            (double)allocated / frames, gen2);
    }

    /// <summary>One session's figures; allocation and gen-2 collections are the whole process's (coordinator, helpers, gamer) during the 10 s.</summary>
    private sealed record Run(double Fps, double P50, double P99, double BytesPerSecond, double Share, long Late, double AllocatedPerFrame, int Gen2);
}
