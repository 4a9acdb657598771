using System.Globalization;

namespace P2C2R.Benchmarks.Cluster;

/// <summary>Waits shared by the cluster runs on their gamers, each bounded by <see cref="CoordinatorCluster.Wait"/>.</summary>
public static class ClusterGamers
{
    /// <summary>Each gamer's session id, once a node logged that it started; a gamer that exits first fails the wait with what it said.</summary>
    public static async Task<string[]> SessionsAsync(CoordinatorCluster cluster, IReadOnlyList<GamerProcess> gamers)
    {
        var sessions = new string?[gamers.Count];
        var deadline = DateTime.UtcNow + CoordinatorCluster.Wait;
        while (sessions.Any(s => s is null))
        {
            foreach (var g in gamers.Where(g => sessions[g.Index] is null))
            {
                if (g.Process.HasExited)
                {
                    throw new InvalidOperationException($"{g.Name} {g.Process.State} before its session started:\n{g.Process.Tail()}");
                }

                sessions[g.Index] = g.SessionOn(cluster);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not every gamer's session started within {CoordinatorCluster.Wait.TotalSeconds:0} s");
            }

            await Task.Delay(100);
        }

        return [.. sessions.Select(s => s!)];
    }

    /// <summary>How long to wait for the hosts to even out: two of Akka's rebalance intervals (10 s) and a hand-off.</summary>
    public static readonly TimeSpan RebalanceWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Waits until the sessions are settled: each hosted (none between two nodes), every gamer
    /// received a frame within the last second, and, when <paramref name="even"/>, the hosts even
    /// (<see cref="CoordinatorCluster.Balanced"/>: no rebalance due). Null once they are; when they
    /// are not within <paramref name="timeout"/>, what is not (the hosts, and each gamer not playing:
    /// its last frame and lines).
    /// </summary>
    public static async Task<string?> UntilSettledAsync(CoordinatorCluster cluster, IReadOnlyList<string> sessions, IReadOnlyList<GamerProcess> gamers, bool even, TimeSpan timeout)
    {
        bool Playing(GamerProcess g) => g.Frames() is [.., var last] && NowMs() - last.ReceivedMs < 1000;
        bool Hosted() => even ? cluster.Balanced(sessions) : sessions.All(s => cluster.HostOf(s) is not null);
        var deadline = DateTime.UtcNow + timeout;
        while (!(Hosted() && gamers.All(Playing)))
        {
            if (DateTime.UtcNow > deadline)
            {
                var hosts = string.Join(", ", sessions.Select(s => $"{s} on node {cluster.HostOf(s)?.Index.ToString(CultureInfo.InvariantCulture) ?? "?"}"));
                return $"sessions: {hosts}\n" + string.Join('\n', gamers.Where(g => !Playing(g)).Select(g =>
                    $"{g.Name} ({g.Process.State}), last frame {(g.Frames() is [.., var last] ? $"{(NowMs() - last.ReceivedMs) / 1000.0:0.0} s ago, tick {last.Tick}" : "none")}:\n{g.Process.Tail()}"));
            }

            await Task.Delay(200);
        }

        return null;
    }

    /// <summary>
    /// Waits until the sessions are settled and even; when they do not even out within
    /// <see cref="RebalanceWait"/>, says so on stderr and settles for each hosted and every gamer
    /// playing. Null once so; otherwise what is not.
    /// </summary>
    public static async Task<string?> UntilSettledAsync(CoordinatorCluster cluster, IReadOnlyList<string> sessions, IReadOnlyList<GamerProcess> gamers)
    {
        if (await UntilSettledAsync(cluster, sessions, gamers, even: true, RebalanceWait) is not { } uneven)
        {
            return null;
        }

        await Console.Error.WriteLineAsync($"cluster: the sessions did not even out over the nodes within {RebalanceWait.TotalSeconds:0} s; going on as they are:\n{uneven}");
        return await UntilSettledAsync(cluster, sessions, gamers, even: false, CoordinatorCluster.Wait);
    }

    public static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public static long Ms(DateTime utc) => new DateTimeOffset(utc, TimeSpan.Zero).ToUnixTimeMilliseconds();
}
