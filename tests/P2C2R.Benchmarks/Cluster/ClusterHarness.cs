using System.Globalization;
using P2C2R.Benchmarks.Processes;
using P2C2R.Testing;

namespace P2C2R.Benchmarks.Cluster;

/// <summary>
/// <c>-- cluster [SECONDS] [KILLS]</c>, issue 17's measures of coordinator nodes clustered on one
/// PostgreSQL, every node, helper and gamer a real process of this machine (Coordinator, PeerNode,
/// GamerClient): (1) CPU per session-tick on each node with 1, 2 and 3 nodes sharing the same three
/// sessions (<see cref="ScalingRun"/>), against the 1-node run; (2) Akka.Remote bytes per
/// session-tick between the nodes in those runs, beside what the gamers receive over the edge;
/// (3) the time from a node's SIGKILL to its gamers' first frame after it, KILLS times
/// (<see cref="NodeKillRun"/>). The PostgreSQL server is a throwaway one (<see cref="LocalPostgres"/>)
/// with a fresh database per run; every process is stopped at the end.
/// </summary>
public static class ClusterHarness
{
    /// <summary>
    /// Every node's configuration, as the node-loss tests use: each helper's loopback address a host
    /// of its own, and a session snapshot every 3 s of play at 20 ticks/s, so a node taking a
    /// session over replays at most that much of its journal.
    /// </summary>
    public const string CoordinatorConfig = "p2c2r.coordinator { replicas.ipv4-prefix = 32, session { snapshot-every-ticks = 60 } }";

    public static async Task RunAsync(int seconds, int kills, int leaves)
    {
        var steal = StealMeter.Start();
        var started = DateTime.UtcNow;
        var (server, unavailable) = await LocalPostgres.StartAsync();
        if (server is null)
        {
            Console.WriteLine($"cluster: skipped, {unavailable}");
            return;
        }

        var scaling = new List<ScalingResult>();
        IReadOnlyList<KillResult> killed;
        IReadOnlyList<KillResult> left;
        await using (server)
        {
            for (var nodes = 1; seconds > 0 && nodes <= 3; nodes++)
            {
                await Console.Error.WriteLineAsync($"cluster: {nodes} node(s), {seconds} s window");
                scaling.Add(await ScalingRun.RunAsync(server, nodes, TimeSpan.FromSeconds(seconds)));
            }

            killed = kills > 0 ? await NodeKillRun.RunAsync(server, kills, NodeLoss.Kill) : [];
            left = leaves > 0 ? await NodeKillRun.RunAsync(server, leaves, NodeLoss.Leave) : [];
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cluster: {started:yyyy-MM-dd HH:mm}–{DateTime.UtcNow:HH:mm} UTC; {ScalingRun.Gamers} gamers at {ScalingRun.TicksPerSecond} ticks/s; {steal.Since()}"));
        Console.WriteLine();
        if (scaling.Count > 0)
        {
            PrintCpu(scaling, seconds);
            Console.WriteLine();
            PrintRemote(scaling);
            Console.WriteLine();
        }

        if (killed.Count > 0)
        {
            PrintKills(killed, "3. SIGKILL of a node hosting a session (a crash)", "kill");
            Console.WriteLine();
        }

        if (left.Count > 0)
        {
            PrintKills(left, "4. SIGTERM of a node hosting a session (a graceful leave: it hands its sessions off)", "signal");
            Console.WriteLine();
        }

        PrintSummary(scaling, killed, left);
    }

    private static void PrintCpu(IReadOnlyList<ScalingResult> runs, int seconds)
    {
        var baseline = runs[0].CpuMsPerTick;
        Console.WriteLine($"1. CPU per session-tick, no helper (the nodes compute every task), {seconds} s window after at least {ScalingRun.WarmUp.TotalSeconds:0} s of play, the sessions spread evenly; a fresh database per run; " +
            "idle = the node's CPU per second once the sessions had ended");
        Console.WriteLine("| Nodes | Node | Sessions hosted | Session-ticks | CPU | Idle | CPU per session-tick | vs 1 node | Above idle, per session-tick |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            foreach (var node in run.Nodes)
            {
                var perTick = node.CpuMsPerTick is { } ms
                    ? Invariant($"{ms:0.00} ms | {ms / baseline:0.00} | {(node.Cpu.TotalMilliseconds - node.Idle.TotalMilliseconds * run.Window.TotalSeconds) / node.SessionTicks:0.00} ms")
                    : Invariant($"— ({node.Cpu.TotalMilliseconds / run.Window.TotalSeconds:0} ms CPU/s, no session) | — | —");
                Console.WriteLine(Invariant($"| {run.NodeCount} | node {node.Index} | {node.Sessions} | {node.SessionTicks:N0} | {node.Cpu.TotalMilliseconds:N0} ms | {node.Idle.TotalMilliseconds:0} ms/s | {perTick} |"));
            }

            var all = Invariant($"{run.CpuMsPerTick:0.00} ms** | **{run.CpuMsPerTick / baseline:0.00}** | **{run.AboveIdleMsPerTick:0.00} ms");
            Console.WriteLine(Invariant($"| {run.NodeCount} | **all**{(run.NodeCount == 1 ? " (baseline)" : "")} | {run.Nodes.Sum(n => n.Sessions)} | {run.SessionTicks:N0} | {run.Nodes.Sum(n => n.Cpu.TotalMilliseconds):N0} ms | {run.Nodes.Sum(n => n.Idle.TotalMilliseconds):0} ms/s | **{all}** |"));
        }

        foreach (var run in runs.Where(r => r.Moved + r.EndedEarly + r.MissingReports > 0))
        {
            Console.WriteLine($"- {run.NodeCount} node(s): {run.Moved} session(s) moved during the window, {run.EndedEarly} gamer(s) ended their play before it closed, {run.MissingReports} printed no report");
        }
    }

    private static void PrintRemote(IReadOnlyList<ScalingResult> runs)
    {
        Console.WriteLine("2. Akka.Remote bytes between the nodes (TCP payload on the cluster ports, both directions, from `ss`), beside the edge bytes to the gamers in the same window; " +
            "a session hosted on another node than its gamer's connection sends its frames across");
        Console.WriteLine("| Nodes | Session-ticks | Of sessions hosted away from their gamer's node | Akka.Remote bytes | per session-tick | per such session-tick | Edge bytes to gamers per session-tick | Remote / edge | Gamers' frame bytes per frame (`bytesReceived` / `frames`) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            var ticks = Math.Max(1, run.SessionTicks);
            var remote = (double)run.Remote.Total / ticks;
            var crossing = run.CrossingTicks == 0 ? "—" : Invariant($"{(double)run.Remote.Total / run.CrossingTicks:N0} B");
            var edge = (double)run.Edge.Sent / ticks;
            var frame = run.GamerFrames == 0 ? "n/a" : Invariant($"{(double)run.GamerFrameBytes / run.GamerFrames:N0} B");
            Console.WriteLine(Invariant($"| {run.NodeCount} | {run.SessionTicks:N0} | {run.CrossingTicks:N0} | {run.Remote.Total:N0} B | **{remote:N0} B** | {crossing} | {edge:N0} B | {remote / edge:0.00} | {frame} |"));
        }

        foreach (var run in runs.Where(r => r.Remote.Closed + r.Edge.Closed > 0))
        {
            Console.WriteLine($"- {run.NodeCount} node(s): {run.Remote.Closed} cluster and {run.Edge.Closed} edge connection(s) closed during the window (their last bytes are missing)");
        }
    }

    private static void PrintKills(IReadOnlyList<KillResult> kills, string title, string signal)
    {
        Console.WriteLine($"{title}, {kills.Count} times, each node started again on its ports after; 3 nodes, 3 helpers, 3 gamers; stall = {signal} → first frame of a tick started after it");
        Console.WriteLine("| # | Node | Gamers whose session it hosted: stall | Session back on a survivor (its log) | Gamers only connected to it: stall | Longest stall of the others | Node welcomed again after | Sessions settled again after | Longest frame gap meanwhile | Sessions moved |");
        Console.WriteLine("|---:|---:|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var kill in kills)
        {
            string Stalls(IEnumerable<int> gamers) => gamers.Any() ? string.Join(", ", gamers.Select(g => $"gamer {g + 1}: {KillResult.Format(kill.Stalls[g])}")) : "—";
            Console.WriteLine(Invariant($"| {kill.Number} | {kill.Node} | {Stalls(kill.Hosted)} | {string.Join(", ", kill.Hosted.Select(g => KillResult.Format(kill.BackMs[g])))} | {Stalls(kill.ConnectedOnly)} | {KillResult.Format(kill.OthersStall)} | {kill.WelcomedMs:N0} ms | {KillResult.Format(kill.SettledMs)} | {kill.RejoinGapMs:N0} ms | {kill.MovedOnRejoin} |"));
        }

        if (kills.Sum(k => k.Unconfirmed.Length) is var unconfirmed and > 0)
        {
            Console.WriteLine($"- {unconfirmed} session(s) counted on the killed node played on with no survivor logging them back (they were not there): left out of the summary");
        }
    }

    private static void PrintSummary(IReadOnlyList<ScalingResult> runs, IReadOnlyList<KillResult> kills, IReadOnlyList<KillResult> leaves)
    {
        Console.WriteLine("Summary:");
        if (runs.Count > 0)
        {
            PrintScalingSummary(runs);
        }

        if (kills.Count > 0)
        {
            Console.WriteLine($"- Kill → first frame over {kills.Count} kills, gamers whose session was on the killed node: {Spread([.. kills.SelectMany(k => k.HostedStalls)], 10_000, 5_000)}");
            Console.WriteLine($"- Kill → first frame, gamers only connected to the killed node: {Spread([.. kills.SelectMany(k => k.ConnectedOnly.Select(g => k.Stalls[g]))], 10_000, 5_000)}");
        }

        if (leaves.Count > 0)
        {
            Console.WriteLine($"- Graceful leave → first frame over {leaves.Count} leaves, gamers whose session was on the leaving node: {Spread([.. leaves.SelectMany(k => k.HostedStalls)], 2_000, 1_000, "half the bar")}");
            Console.WriteLine($"- Graceful leave → first frame, gamers only connected to the leaving node: {Spread([.. leaves.SelectMany(k => k.ConnectedOnly.Select(g => k.Stalls[g]))], 2_000, 1_000, "half the bar")}");
        }
    }

    private static void PrintScalingSummary(IReadOnlyList<ScalingResult> runs)
    {
        Console.WriteLine("- CPU per session-tick, whole cluster: " + string.Join("; ", runs.Select(r =>
            Invariant($"{r.NodeCount} node(s) {r.CpuMsPerTick:0.00} ms ({r.CpuMsPerTick / runs[0].CpuMsPerTick:0.00}), {r.AboveIdleMsPerTick:0.00} ms above idle ({r.AboveIdleMsPerTick / runs[0].AboveIdleMsPerTick:0.00})"))));
        Console.WriteLine("- Akka.Remote per session-tick: " + string.Join("; ", runs.Where(r => r.NodeCount > 1).Select(r =>
            Invariant($"{r.NodeCount} nodes {(double)r.Remote.Total / Math.Max(1, r.SessionTicks):N0} B ({(double)r.Remote.Total / Math.Max(1, r.Edge.Sent):0.00} of the edge bytes to gamers; {r.CrossingTicks * 100 / Math.Max(1, r.SessionTicks)} % of the session-ticks hosted away from their gamer's node)"))));
    }

    /// <summary>"n stalls: min, median, max; over the issue's bar, over its goal (or another mark below the bar)", a stall with no frame within the wait counting as over both.</summary>
    private static string Spread(long?[] stalls, long barMs, long goalMs, string goal = "the goal")
    {
        var measured = stalls.OfType<long>().Order().ToArray();
        if (measured.Length == 0)
        {
            return $"{stalls.Length} stalls, none measured";
        }

        var missing = stalls.Length - measured.Length;
        var median = (measured[(measured.Length - 1) / 2] + measured[measured.Length / 2]) / 2.0;
        return Invariant($"{stalls.Length} stalls, min {measured[0]:N0} ms, median {median:N0} ms, max {measured[^1]:N0} ms; over {barMs / 1000.0:0.#} s (the bar): {measured.Count(s => s > barMs) + missing}; over {goalMs / 1000.0:0.#} s ({goal}): {measured.Count(s => s > goalMs) + missing}{(missing > 0 ? $"; {missing} with no frame within {CoordinatorCluster.Wait.TotalSeconds:0} s" : "")}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
