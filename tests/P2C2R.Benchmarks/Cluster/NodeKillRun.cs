using P2C2R.Testing;

namespace P2C2R.Benchmarks.Cluster;

/// <summary>
/// Part 3 of <c>-- cluster</c>: three coordinator nodes on a fresh database, three helpers (PeerNode,
/// each dialing a different node first, from a loopback address of its own, as in
/// <c>./start.sh --nodes 3</c>) and three gamers at 20 ticks/s playing until the end. KILLS times,
/// once the sessions are settled (each hosted, one per node unless they do not even out, every gamer receiving frames):
/// lose a node hosting a session (the next in turn that hosts one, so the victim alternates), by
/// SIGKILL (a crash) or SIGTERM (a graceful leave: a rolling restart's step, <see cref="NodeLoss"/>),
/// and for each gamer take the time from the signal to the first frame of a tick that started after
/// it (a frame already in flight arrives after the kill but does not count); then start the node
/// again on its ports, wait until the cluster welcomed it and the sessions settled again (a
/// rebalance moves a session onto it), and record the longest frame gap of that while.
/// </summary>
public static class NodeKillRun
{
    private const int Nodes = 3;
    private const int Helpers = 3;

    /// <summary>Issue 17's bar for a stall: past it, the harness prints what the nodes logged of the session.</summary>
    private const long Bar = 10_000;

    public static async Task<IReadOnlyList<KillResult>> RunAsync(LocalPostgres server, int kills, NodeLoss loss)
    {
        await using var database = await ClusterDatabase.CreateAsync(server);
        using var processes = new ClusterProcesses($"p2c2r-bench-cluster-{loss.ToString().ToLowerInvariant()}-");
        var cluster = await CoordinatorCluster.StartAsync(processes, database.ConnectionString, Nodes, processes.Config("coordinator.conf", ClusterHarness.CoordinatorConfig));
        var helperConfig = processes.Config("helper.conf", "p2c2r.peer { concurrency = 1, selftest-on-start = off }");
        for (var h = 1; h <= Helpers; h++)
        {
            processes.Start("PeerNode.dll", ["--coordinator", cluster.EdgesFrom((h - 1) % Nodes), "--name", $"helper-{h}", "--identity", Path.Combine(processes.Folder, $"helper-{h}.key"),
                "--local-address", $"127.0.0.{h + 1}", "--config", helperConfig]);
        }

        var gamers = Enumerable.Range(0, ScalingRun.Gamers).Select(i => GamerProcess.Start(processes, i, cluster.EdgesFrom(i % Nodes), ScalingRun.TicksPerSecond, seconds: 0)).ToArray();
        var sessions = await ClusterGamers.SessionsAsync(cluster, gamers);
        await Task.Delay(ScalingRun.WarmUp);

        var results = new List<KillResult>();
        for (var k = 0; k < kills; k++)
        {
            // After a restart the sessions were given their chance to even out already (below).
            var settled = k == 0
                ? await ClusterGamers.UntilSettledAsync(cluster, sessions, gamers)
                : await ClusterGamers.UntilSettledAsync(cluster, sessions, gamers, even: false, CoordinatorCluster.Wait);
            if (settled is { } unsettled)
            {
                await Console.Error.WriteLineAsync($"cluster: the sessions did not settle before kill {k + 1}; the kills stop here:\n{unsettled}");
                break;
            }

            var hosts = sessions.Select(cluster.HostOf).ToArray();
            var victim = Enumerable.Range(0, Nodes).Select(j => cluster.Nodes[(k + j) % Nodes]).First(n => hosts.Contains(n));
            var edges = await EdgeConnections.NodesOfAsync(cluster, [.. gamers.Select(g => g.Process.Id)]);
            var killed = loss == NodeLoss.Kill ? await cluster.KillAsync(victim) : await cluster.StopAsync(victim);
            var killedMs = ClusterGamers.Ms(killed);
            var stalls = await Task.WhenAll(gamers.Select(g => StallAsync(g, killedMs)));
            var back = await Task.WhenAll(sessions.Select((s, g) => hosts[g] == victim && stalls[g] is not null ? SessionBackMsAsync(cluster, s, killed) : Task.FromResult<long?>(null)));
            foreach (var g in gamers.Where(g => hosts[g.Index] == victim && back[g.Index] is null && stalls[g.Index] is not null))
            {
                await Console.Error.WriteLineAsync($"cluster: kill {k + 1}: {g.Name}'s session {sessions[g.Index]} played on with no survivor logging it back; what the nodes logged of it:\n{cluster.LinesAbout(sessions[g.Index])}");
            }

            foreach (var g in gamers.Where(g => stalls[g.Index] is not { } stall || stall > Bar))
            {
                await Console.Error.WriteLineAsync($"cluster: kill {k + 1} (at {killed:HH:mm:ss.fff}): {g.Name} stalled {KillResult.Format(stalls[g.Index])}; what the nodes logged of its session:\n{cluster.LinesAbout(sessions[g.Index])}\n{g.Name} said:\n{g.Process.Tail()}");
            }

            var restarting = ClusterGamers.NowMs();
            await cluster.RestartAsync(victim);
            var welcomedMs = ClusterGamers.NowMs() - restarting;
            var beforeRejoin = sessions.Select(cluster.HostOf).ToArray();
            var settledMs = await ClusterGamers.UntilSettledAsync(cluster, sessions, gamers, even: true, ClusterGamers.RebalanceWait) is null ? ClusterGamers.NowMs() - restarting : (long?)null;
            var rejoinGap = gamers.Max(g => LongestGapSince(g.Frames(), restarting));
            var moved = sessions.Where((s, i) => cluster.HostOf(s) != beforeRejoin[i]).Count();

            var result = new KillResult(k + 1, victim.Index, [.. gamers.Where(g => hosts[g.Index] == victim).Select(g => g.Index)],
                [.. gamers.Where(g => edges[g.Index] == victim).Select(g => g.Index)], stalls, back, welcomedMs, settledMs, rejoinGap, moved);
            results.Add(result);
            await Console.Error.WriteLineAsync($"cluster: kill {result.Number} of node {result.Node}: {result.Describe()}");
        }

        return results;
    }

    /// <summary>Milliseconds from the kill to the first frame of a tick started after it, or null when none came within the wait.</summary>
    private static async Task<long?> StallAsync(GamerProcess gamer, long killedMs)
    {
        var deadline = DateTime.UtcNow + CoordinatorCluster.Wait;
        while (DateTime.UtcNow < deadline)
        {
            if (gamer.Frames().FirstOrDefault(f => f.StartedMs > killedMs) is { ReceivedMs: > 0 } frame)
            {
                return frame.ReceivedMs - killedMs;
            }

            await Task.Delay(50);
        }

        return null;
    }

    /// <summary>
    /// Milliseconds from the kill to the line "Session ID of … is back" a survivor logged, or null
    /// when none did within a few seconds (the line is logged before the session's first frame, but
    /// read from the node's output a little later).
    /// </summary>
    private static async Task<long?> SessionBackMsAsync(CoordinatorCluster cluster, string session, DateTime killed)
    {
        long? Back() => cluster.BackAt(session, killed) is { } at ? (long)(at - killed).TotalMilliseconds : null;

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (Back() is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return Back();
    }

    /// <summary>The longest time between two frames, or from the last frame to now, counting gaps that end after <paramref name="sinceMs"/>.</summary>
    private static long LongestGapSince(IReadOnlyList<FrameArrival> frames, long sinceMs)
    {
        var ends = frames.Select(f => f.ReceivedMs).Append(ClusterGamers.NowMs()).ToArray();
        return ends.Zip(ends.Skip(1), (a, b) => (Start: a, End: b)).Where(g => g.End > sinceMs).Select(g => g.End - g.Start).DefaultIfEmpty(0).Max();
    }
}

/// <summary>How <see cref="NodeKillRun"/> loses a node: a crash (SIGKILL) or a graceful leave (SIGTERM, the node hands its sessions off).</summary>
public enum NodeLoss
{
    Kill,
    Leave,
}

/// <summary>
/// One kill: the node, the gamers whose session it hosted and those connected to it, every
/// gamer's stall (kill to the first frame of a later tick; null: none within the wait), for a
/// session it hosted when a survivor logged it back (null for the others), how long the node took
/// to be welcomed again and the sessions to settle evenly again (null: not within
/// <see cref="ClusterGamers.RebalanceWait"/>), the longest
/// frame gap meanwhile, and the sessions that moved then.
/// </summary>
public sealed record KillResult(int Number, int Node, int[] Hosted, int[] Connected, long?[] Stalls, long?[] BackMs, long WelcomedMs, long? SettledMs, long RejoinGapMs, int MovedOnRejoin)
{
    /// <summary>
    /// The stalls of the gamers whose session was on the killed node, as far as a survivor then
    /// logged the session back (a stall with no frame at all counts too): a frame of a later tick
    /// with no such line means the session was not there after all.
    /// </summary>
    public long?[] HostedStalls => [.. Hosted.Where(g => BackMs[g] is not null || Stalls[g] is null).Select(g => Stalls[g])];

    /// <summary>Gamers counted as hosted whose session was not there after all (see <see cref="HostedStalls"/>).</summary>
    public int[] Unconfirmed => [.. Hosted.Where(g => BackMs[g] is null && Stalls[g] is not null)];

    /// <summary>The gamers connected to the killed node whose session was elsewhere: they lose their connection, not their session's host.</summary>
    public int[] ConnectedOnly => [.. Connected.Except(Hosted)];

    /// <summary>The longest stall of a gamer neither hosted nor connected there; null when one saw no frame within the wait.</summary>
    public long? OthersStall => Stalls.Where((_, g) => !Hosted.Contains(g) && !Connected.Contains(g)).ToArray() is var others && others.Contains(null)
        ? null
        : others.DefaultIfEmpty(0).Max();

    public string Describe() =>
        $"stalls {string.Join(", ", Stalls.Select((s, g) => $"gamer {g + 1}{(Hosted.Contains(g) ? " (session here)" : "")}{(Connected.Contains(g) ? " (connected here)" : "")} {Format(s)}"))}; " +
        $"back after {string.Join(", ", Hosted.Select(g => Format(BackMs[g])))}; welcomed again after {WelcomedMs} ms, settled after {Format(SettledMs)}; longest gap meanwhile {RejoinGapMs} ms, {MovedOnRejoin} moved";

    public static string Format(long? ms) => ms is { } value ? $"{value:N0} ms" : "none";
}
