using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using P2C2R.Benchmarks.Processes;

namespace P2C2R.Benchmarks.Cluster;

/// <summary>
/// Coordinator processes in one Akka.Cluster on one PostgreSQL database, as <c>./start.sh --nodes N</c>
/// and the node-loss tests run them: each with an edge port and a cluster port of its own, all
/// given the same seeds with node 1 first, so a node killed and started again on its ports joins
/// back through the others. Every wait is bounded by <see cref="Wait"/>.
/// </summary>
public sealed partial class CoordinatorCluster
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly ClusterProcesses _processes;
    private readonly string[] _arguments;

    private CoordinatorCluster(ClusterProcesses processes, CoordinatorNode[] nodes, string[] arguments)
    {
        _processes = processes;
        _arguments = arguments;
        Nodes = nodes;
    }

    public IReadOnlyList<CoordinatorNode> Nodes { get; }

    /// <summary>Starts <paramref name="count"/> nodes on <paramref name="postgres"/> and waits until every edge listens and every node after the first was welcomed.</summary>
    public static async Task<CoordinatorCluster> StartAsync(ClusterProcesses processes, string postgres, int count, string config)
    {
        var ports = Enumerable.Range(0, count).Select(_ => (Edge: FreePort(), Cluster: FreePort())).ToArray();
        var seeds = string.Join(',', ports.Select(p => CoordinatorNode.AddressOf(p.Cluster)));
        string[] arguments = ["--seed-nodes", seeds, "--store", "postgres", "--postgres", postgres, "--config", config];
        var nodes = ports.Select((p, i) => new CoordinatorNode(i + 1, p.Edge, p.Cluster)).ToArray();
        var cluster = new CoordinatorCluster(processes, nodes, arguments);
        foreach (var node in nodes)
        {
            cluster.Launch(node);
        }

        foreach (var node in nodes)
        {
            await cluster.UntilUpAsync(node, welcomed: node.Index > 1);
        }

        return cluster;
    }

    /// <summary>Every node's edge as <c>host:port,…</c>, from node <paramref name="first"/> (counting from 0) round to the one before it.</summary>
    public string EdgesFrom(int first) => string.Join(',', Nodes.Select((_, k) => Nodes[(first + k) % Nodes.Count].Edge));

    /// <summary>CPU time each node's process has used so far, in node order.</summary>
    public TimeSpan[] Cpu() => [.. Nodes.Select(n => ProcessCpu.Of(n.Process.Id))];

    /// <summary>
    /// The node hosting <paramref name="sessionId"/> now, by the running nodes' logs: the one whose
    /// line saying the session started there, came back there or was handed off from there is the
    /// latest (by Akka's own timestamp in the line, so a log read late does not reorder them), unless
    /// that line is the hand-off (the session is between two nodes); null when none says so.
    /// </summary>
    public CoordinatorNode? HostOf(string sessionId)
    {
        string[] hosting = [$"Session {sessionId} started", $"Session {sessionId} of "];
        var handedOff = $"Session {sessionId} handed off";
        var latest = Nodes
            .SelectMany(n => n.Process.Lines()
                .Where(l => hosting.Any(h => l.Line.Contains(h, StringComparison.Ordinal)) || l.Line.Contains(handedOff, StringComparison.Ordinal))
                .Select(l => (Node: n, At: LoggedAt(l), Here: !l.Line.Contains(handedOff, StringComparison.Ordinal))))
            .OrderBy(e => e.At)
            .LastOrDefault();
        return latest.Here ? latest.Node : null;
    }

    /// <summary>When a running node first logged, after <paramref name="after"/>, that <paramref name="sessionId"/> is back there (recovered from the journal); null when none did.</summary>
    public DateTime? BackAt(string sessionId, DateTime after) => Nodes
        .Where(n => !n.Process.HasExited)
        .SelectMany(n => n.Process.Lines().Where(l => l.Line.Contains($"Session {sessionId} of ", StringComparison.Ordinal)).Select(LoggedAt))
        .Where(at => at > after)
        .Select(at => (DateTime?)at)
        .Min();

    /// <summary>Every line a node's current process logged about <paramref name="sessionId"/>, by node, for a message saying why a measure is suspect.</summary>
    public string LinesAbout(string sessionId) => string.Join('\n', Nodes.SelectMany(n => n.Process.Lines()
        .Where(l => l.Line.Contains(sessionId, StringComparison.Ordinal))
        .Select(l => $"node {n.Index} (read {l.At:HH:mm:ss.fff}): {l.Line}")));

    /// <summary>
    /// Whether every session has a host and the hosts are as even as they get (a node hosting at
    /// most one session more than another): otherwise a rebalance is due within Akka's rebalance
    /// interval, and would move a session while it is measured.
    /// </summary>
    public bool Balanced(IEnumerable<string> sessionIds)
    {
        var hosts = sessionIds.Select(HostOf).ToArray();
        var counts = Nodes.Select(n => hosts.Count(h => h == n)).ToArray();
        return hosts.All(h => h is not null) && counts.Max() - counts.Min() <= 1;
    }

    /// <summary>SIGKILLs <paramref name="node"/> (a coordinator has no child process) and returns the moment the signal was sent.</summary>
    public Task<DateTime> KillAsync(CoordinatorNode node) => node.Process.KillAsync(Wait);

    /// <summary>Stops <paramref name="node"/> gracefully (SIGTERM), waits for its exit and returns the moment of the signal.</summary>
    public Task<DateTime> StopAsync(CoordinatorNode node) => node.Process.TerminateAsync(Wait);

    /// <summary>Starts <paramref name="node"/> again on its ports and waits until the cluster welcomed it.</summary>
    public async Task RestartAsync(CoordinatorNode node)
    {
        Launch(node);
        await UntilUpAsync(node, welcomed: true);
    }

    /// <summary>When Akka logged the line (its <c>[dd/MM/yyyy HH:mm:ss.fffZ]</c> field), else when the harness read it.</summary>
    private static DateTime LoggedAt((DateTime At, string Line) line) =>
        AkkaTimestamp().Match(line.Line) is { Success: true } match
            && DateTime.TryParseExact(match.Groups[1].Value, "MM/dd/yyyy HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : line.At;

    [GeneratedRegex(@"\]\[(\d\d/\d\d/\d{4} \d\d:\d\d:\d\d(?:\.\d+)?)Z\]")]
    private static partial Regex AkkaTimestamp();

    private void Launch(CoordinatorNode node) =>
        node.Process = _processes.Start("Coordinator.dll", ["--port", $"{node.EdgePort}", "--http-port", "0", "--bind-address", "127.0.0.1", "--cluster-port", $"{node.ClusterPort}",
            "--data-dir", Path.Combine(_processes.Folder, $"data-{node.Index}"), .. _arguments]);

    /// <summary>Waits until the node's edge accepts connections and, when <paramref name="welcomed"/>, Akka.Cluster logged "Welcome from" on it (node 1 at first forms the cluster itself).</summary>
    private async Task UntilUpAsync(CoordinatorNode node, bool welcomed)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!(Listening(node.EdgePort) && (!welcomed || node.Process.Said("Welcome from"))))
        {
            if (node.Process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"coordinator node {node.Index} was not up within {Wait.TotalSeconds:0} s ({node.Process.State}):\n{node.Process.Tail()}");
            }

            await Task.Delay(100);
        }
    }

    private static bool Listening(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Coordinator node <see cref="Index"/> (from 1): its ports, kept across restarts, and its current process.</summary>
public sealed class CoordinatorNode(int index, int edgePort, int clusterPort)
{
    public int Index { get; } = index;

    public int EdgePort { get; } = edgePort;

    public int ClusterPort { get; } = clusterPort;

    public LoggedProcess Process { get; set; } = null!;

    public string Edge => $"127.0.0.1:{EdgePort}";

    public static string AddressOf(int clusterPort) => $"akka.tcp://coordinator@127.0.0.1:{clusterPort}";
}
