using System.Diagnostics;
using System.Text.Json;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// Coordinator processes clustered on this machine as <c>./start.sh --nodes N</c> runs them: each
/// with an edge port and a cluster port of its own, all given the same seeds with node 1 first (the
/// only one that may form the cluster alone), all journalling in one PostgreSQL database. A client
/// is given every node's edge, a node of its choice first (<see cref="EdgesFrom"/>), so clients
/// spread over the nodes and go on to the next when theirs is gone.
/// </summary>
public sealed class CoordinatorNodes
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly ProcessSet _processes;

    private CoordinatorNodes(ProcessSet processes, NodeProcess[] nodes)
    {
        _processes = processes;
        All = nodes;
    }

    public IReadOnlyList<NodeProcess> All { get; }

    /// <summary>Starts <paramref name="count"/> nodes with <paramref name="arguments"/> and waits until every edge listens and every node is in the cluster.</summary>
    public static async Task<CoordinatorNodes> StartAsync(ProcessSet processes, string postgres, int count, params string[] arguments)
    {
        var ports = Enumerable.Range(0, count).Select(_ => (Edge: ProcessSet.FreePort(), Cluster: ProcessSet.FreePort())).ToArray();
        var seeds = string.Join(',', ports.Select(p => NodeProcess.AddressOf(p.Cluster)));
        var nodes = ports.Select((p, i) => new NodeProcess(i + 1, p.Edge, p.Cluster, processes.StartCoordinator(p.Edge,
            ["--cluster-port", $"{p.Cluster}", "--seed-nodes", seeds, "--store", "postgres", "--postgres", postgres, .. arguments]))).ToArray();
        foreach (var node in nodes)
        {
            await processes.WaitForPortAsync(node.EdgePort, StartTimeout);
        }

        // Akka.Cluster logs "Welcome from" on a node the cluster has taken in; node 1 forms it.
        await processes.WaitForAsync(() => nodes.Skip(1).All(n => processes.Output(n.Process).Contains("Welcome from", StringComparison.Ordinal)),
            StartTimeout, "every node joining the cluster");
        return new CoordinatorNodes(processes, nodes);
    }

    /// <summary>Every node's edge as <c>host:port,…</c>, from the node at <paramref name="first"/> (counting from 0) round to the one before it.</summary>
    public string EdgesFrom(int first) => string.Join(',', All.Select((_, k) => All[(first + k) % All.Count].Edge));

    /// <summary>What every node printed, each under its number, for failure messages.</summary>
    public string Output() => string.Join("\n", All.Select(n => $"--- node {n.Index}:\n{_processes.Output(n.Process)}"));

    /// <summary>The node hosting <paramref name="sessionId"/>: the one that logged the session's start.</summary>
    public NodeProcess HostOf(string sessionId) =>
        All.Single(n => _processes.Output(n.Process).Contains($"Session {sessionId} started", StringComparison.Ordinal));
}

/// <summary>Coordinator node <see cref="Index"/> (from 1): its process, its edge for helpers and gamers, and its cluster port.</summary>
public sealed record NodeProcess(int Index, int EdgePort, int ClusterPort, Process Process)
{
    public string Edge => $"127.0.0.1:{EdgePort}";

    /// <summary>The node's Akka.Cluster address, as seeds name it.</summary>
    public string Address => AddressOf(ClusterPort);

    public static string AddressOf(int clusterPort) => $"akka.tcp://coordinator@127.0.0.1:{clusterPort}";
}
