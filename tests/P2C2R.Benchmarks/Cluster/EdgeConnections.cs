using System.Globalization;
using System.Text.RegularExpressions;

namespace P2C2R.Benchmarks.Cluster;

/// <summary>
/// Which coordinator node each process is connected to, from the peer ports of its established TCP
/// connections (<c>ss -tnpH state established</c>, which names each socket's process): the kill
/// harness tells a gamer that loses its connection with a node from one that loses its session's host.
/// </summary>
public static partial class EdgeConnections
{
    /// <summary>For each process id in <paramref name="pids"/>, the node whose edge port it is connected to (null: none).</summary>
    public static async Task<CoordinatorNode?[]> NodesOfAsync(CoordinatorCluster cluster, IReadOnlyList<int> pids)
    {
        var connections = new HashSet<(int Pid, int PeerPort)>();
        foreach (var line in (await SocketStats.RunAsync("-tnpH", "state", "established")).Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 5)
            {
                continue;
            }

            var peer = fields[3];
            var port = int.Parse(peer[(peer.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
            foreach (Match owner in Owner().Matches(line))
            {
                connections.Add((int.Parse(owner.Groups[1].Value, CultureInfo.InvariantCulture), port));
            }
        }

        return [.. pids.Select(pid => cluster.Nodes.FirstOrDefault(n => connections.Contains((pid, n.EdgePort))))];
    }

    [GeneratedRegex(@"pid=(\d+)")]
    private static partial Regex Owner();
}
