using P2C2R.Testing;

namespace P2C2R.Benchmarks.Cluster;

/// <summary>
/// Parts 1 and 2 of <c>-- cluster</c> for one cluster size: N coordinator nodes on a fresh
/// database, and <see cref="Gamers"/> gamers at <see cref="TicksPerSecond"/> ticks/s, each dialing
/// a different node first. No helper: the nodes compute every task, so a node's CPU per
/// session-tick is its own work and the cluster's overhead, not an effect of which node the
/// helpers happened to dial. Once every session is hosted, the hosts are even (so no rebalance
/// moves a session during the window) and the sessions have played at least <see cref="WarmUp"/>, a window of
/// SECONDS measures each node's CPU (<c>/proc/PID/stat</c>), the bytes on the cluster ports
/// (Akka.Remote between nodes) and on the edge ports (to the gamers), and the session-ticks each
/// node hosted: from each gamer's frame log, the tick it saw at the window's end minus the tick at
/// its start, charged to the node whose log says it hosts the session. A session hosted on another
/// node than the one its gamer is connected to sends its frames over Akka.Remote: those are counted apart.
/// Once the sessions have ended, each node's CPU over <see cref="IdleWindow"/> gives its upkeep with no session.
/// </summary>
public static class ScalingRun
{
    public const int Gamers = 3;
    public const int TicksPerSecond = 20;
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);

    /// <summary>Once the sessions have ended, each node's CPU is read this long again: what a node spends with no session (the cluster's own upkeep).</summary>
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(10);

    /// <summary>Play past the window, so sessions that started a little later than the others still play through it.</summary>
    private static readonly TimeSpan Tail = TimeSpan.FromSeconds(5);

    public static async Task<ScalingResult> RunAsync(LocalPostgres server, int nodeCount, TimeSpan window)
    {
        await using var database = await ClusterDatabase.CreateAsync(server);
        using var processes = new ClusterProcesses($"p2c2r-bench-cluster-{nodeCount}-");
        var cluster = await CoordinatorCluster.StartAsync(processes, database.ConnectionString, nodeCount, processes.Config("coordinator.conf", ClusterHarness.CoordinatorConfig));
        // Long enough for the sessions to even out over the nodes first (the warm-up runs meanwhile).
        var seconds = (int)(ClusterGamers.RebalanceWait + window + Tail).TotalSeconds;
        var gamers = Enumerable.Range(0, Gamers).Select(i => GamerProcess.Start(processes, i, cluster.EdgesFrom(i % nodeCount), TicksPerSecond, seconds)).ToArray();
        var sessions = await ClusterGamers.SessionsAsync(cluster, gamers);
        var warming = DateTime.UtcNow;
        if (await ClusterGamers.UntilSettledAsync(cluster, sessions, gamers) is { } unsettled)
        {
            await Console.Error.WriteLineAsync($"cluster: the sessions on {nodeCount} node(s) did not settle; measuring them as they are:\n{unsettled}");
        }

        if (WarmUp - (DateTime.UtcNow - warming) is { Ticks: > 0 } rest)
        {
            await Task.Delay(rest);
        }

        var hosts = sessions.Select(cluster.HostOf).ToArray();
        var edges = await EdgeConnections.NodesOfAsync(cluster, [.. gamers.Select(g => g.Process.Id)]);
        var (startMs, cpuBefore, socketsBefore) = (ClusterGamers.NowMs(), cluster.Cpu(), await TcpBytes.SampleAsync());
        await Task.Delay(window);
        var (endMs, cpuAfter, socketsAfter) = (ClusterGamers.NowMs(), cluster.Cpu(), await TcpBytes.SampleAsync());
        var moved = sessions.Where((s, i) => cluster.HostOf(s) != hosts[i]).Count();
        var endedEarly = gamers.Count(g => g.Process.HasExited);
        var ticks = gamers.Select(g => TickAt(g.Frames(), endMs) - TickAt(g.Frames(), startMs)).ToArray();

        foreach (var g in gamers)
        {
            if (!await g.Process.ExitedWithinAsync(Tail + CoordinatorCluster.Wait))
            {
                await Console.Error.WriteLineAsync($"cluster: {g.Name} did not end its play in time and is killed");
                await g.Process.KillAsync(CoordinatorCluster.Wait);
            }
        }

        var reports = gamers.Select(g => g.Report()).ToArray();
        var idleBefore = cluster.Cpu();
        await Task.Delay(IdleWindow);
        var idle = cluster.Cpu().Select((cpu, i) => (cpu - idleBefore[i]) / IdleWindow.TotalSeconds).ToArray();
        var nodes = cluster.Nodes.Select((n, i) => new NodeFigures(
            n.Index,
            cpuAfter[i] - cpuBefore[i],
            idle[i],
            hosts.Count(h => h == n),
            ticks.Where((_, g) => hosts[g] == n).Sum())).ToArray();
        return new ScalingResult(
            nodeCount,
            TimeSpan.FromMilliseconds(endMs - startMs),
            nodes,
            TcpBytes.Between(socketsBefore, socketsAfter, [.. cluster.Nodes.Select(n => n.ClusterPort)]),
            TcpBytes.Between(socketsBefore, socketsAfter, [.. cluster.Nodes.Select(n => n.EdgePort)]),
            ticks.Where((_, g) => hosts[g] != edges[g]).Sum(),
            reports.Sum(r => r?.GetProperty("bytesReceived").GetInt64() ?? 0),
            reports.Sum(r => r?.GetProperty("frames").GetInt64() ?? 0),
            moved,
            endedEarly,
            reports.Count(r => r is null));
    }

    /// <summary>The tick of the last frame received by <paramref name="ms"/> (Unix milliseconds).</summary>
    private static long TickAt(IReadOnlyList<FrameArrival> frames, long ms) =>
        frames.LastOrDefault(f => f.ReceivedMs <= ms) is { ReceivedMs: > 0 } frame ? frame.Tick : 0;
}

/// <summary>
/// One node's share of a scaling window: its CPU, its CPU per second once the sessions had ended
/// (<see cref="Idle"/>: what it spends on the cluster's upkeep alone), the sessions it hosted and their ticks.
/// </summary>
public sealed record NodeFigures(int Index, TimeSpan Cpu, TimeSpan Idle, int Sessions, long SessionTicks)
{
    /// <summary>CPU milliseconds per session-tick, or null for a node that hosted no session.</summary>
    public double? CpuMsPerTick => SessionTicks == 0 ? null : Cpu.TotalMilliseconds / SessionTicks;
}

/// <summary>
/// One scaling window: per node, the bytes between the nodes (Akka.Remote, cluster ports) and to
/// and from the gamers (edge ports), the session-ticks of sessions hosted on another node than
/// their gamer's connection (their frames cross Akka.Remote), the gamers' own frame bytes and
/// frames over their whole play, sessions that moved during the window, gamers whose play ended
/// before the window closed, and gamers that printed no report.
/// </summary>
public sealed record ScalingResult(int NodeCount, TimeSpan Window, IReadOnlyList<NodeFigures> Nodes, TcpBytes.Window Remote, TcpBytes.Window Edge,
    long CrossingTicks, long GamerFrameBytes, long GamerFrames, int Moved, int EndedEarly, int MissingReports)
{
    public long SessionTicks => Nodes.Sum(n => n.SessionTicks);

    public double CpuMsPerTick => Nodes.Sum(n => n.Cpu.TotalMilliseconds) / Math.Max(1, SessionTicks);

    /// <summary>CPU milliseconds per session-tick above what the nodes spend with no session (their idle rate over the window).</summary>
    public double AboveIdleMsPerTick => (Nodes.Sum(n => n.Cpu.TotalMilliseconds) - Nodes.Sum(n => n.Idle.TotalMilliseconds) * Window.TotalSeconds) / Math.Max(1, SessionTicks);
}
