using System.Diagnostics;
using System.Text.RegularExpressions;
using P2C2R.Coordinator.Balancing;
using P2C2R.Edge.Identity;
using P2C2R.EndToEnd.Tests.Postgres;
using P2C2R.Protocol.Identity;
using Xunit.Abstractions;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// Nodes keep helpers where the sessions are: two coordinator processes in one cluster on one
/// PostgreSQL, every helper dialing node 1 first, and gamers started until a session plays on
/// node 2. Node 1 then moves helpers to node 2 (<c>helper.move</c>), one at a time, until each
/// node holds about its sessions' share, keeping at least one while it has sessions of its own,
/// and the sessions play on.
/// </summary>
[Collection(nameof(Simulations))]
public sealed class HelperBalancingTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private const int Helpers = 4;
    private const int MaxGamers = 4;
    private const int TicksPerSecond = 10;
    /// <summary>Longer than the test: the gamers are still playing when it ends (and are then stopped).</summary>
    private const int PlaySeconds = 120;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task Helpers_all_on_one_node_move_to_the_node_whose_sessions_have_none()
    {
        Skip.If(postgres.Server is null, postgres.Unavailable);
        using var processes = new ProcessSet("p2c2r-balance-");
        var nodes = await CoordinatorNodes.StartAsync(processes, await postgres.NewDatabaseAsync(), 2, "--config", await processes.WriteConfigAsync("coordinator.conf",
            "p2c2r.coordinator { replicas.ipv4-prefix = 32, balance { publish-every = 500ms, move-every = 2s } }"));
        var (a, b) = (nodes.All[0], nodes.All[1]);
        var helperConfig = await processes.WriteConfigAsync("helper.conf", "p2c2r.peer { concurrency = 1, selftest-on-start = off }");
        var helpers = Enumerable.Range(1, Helpers).Select(h => processes.StartHelper(nodes.EdgesFrom(0), h, "--config", helperConfig)).ToArray();
        await processes.WaitForAsync(() => helpers.All(h => NodeOf(processes, h, nodes) == a), Wait, "every helper accepted by node 1");

        // Sessions go to whichever node sharding gives them: gamers are started until one plays on node 2.
        var clock = Stopwatch.StartNew();
        var gamers = new List<(Process Process, string Account, NodeProcess Host)>();
        while (gamers.All(g => g.Host != b))
        {
            Assert.True(gamers.Count < MaxGamers, $"{MaxGamers} sessions all started on node 1:\n{nodes.Output()}");
            gamers.Add(await StartGamerAsync(processes, nodes, gamers.Count));
        }

        var sessionsOnA = gamers.Count(g => g.Host == a);
        var expected = SettledOnB(sessionsOnA, gamers.Count - sessionsOnA);
        output.WriteLine($"{gamers.Count} sessions, {sessionsOnA} on node 1, after {clock.Elapsed.TotalSeconds:0.0} s: {expected} helpers expected on node 2");
        int OnB() => helpers.Count(h => NodeOf(processes, h, nodes) == b);
        await processes.WaitForAsync(() => OnB() == expected, Wait, $"{expected} helpers moving to node 2");
        output.WriteLine($"{expected} helpers on node 2 after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Contains("is asked to move to " + b.Edge, processes.Output(a.Process), StringComparison.Ordinal);

        // Settled: two more move intervals change nothing, and the sessions play on.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(expected, OnB());
        Assert.All(gamers, g => Assert.False(g.Process.HasExited, processes.Output(g.Process)));
    }

    /// <summary>Where the balancing policy leaves the helpers, all starting on node 1: how many end on node 2.</summary>
    private static int SettledOnB(int sessionsOnA, int sessionsOnB)
    {
        var (a, b) = (new NodeLoad("a", "a:1", sessionsOnA, Helpers), new NodeLoad("b", "b:1", sessionsOnB, 0));
        while (BalancePlan.TargetFor(a, [b]) is not null)
        {
            (a, b) = (a with { Helpers = a.Helpers - 1 }, b with { Helpers = b.Helpers + 1 });
        }

        return b.Helpers;
    }

    /// <summary>The node a helper's latest "Accepted by the coordinator at HOST:PORT" names, or null.</summary>
    private static NodeProcess? NodeOf(ProcessSet processes, Process helper, CoordinatorNodes nodes)
    {
        var accepted = Regex.Matches(processes.Output(helper), @"Accepted by the coordinator at (\S+) ");
        return accepted.Count == 0 ? null : nodes.All.FirstOrDefault(n => n.Edge == accepted[^1].Groups[1].Value);
    }

    /// <summary>Gamer <paramref name="index"/> with an account of its own, dialing node 1 first; returns once its session started, with the node hosting it.</summary>
    private async Task<(Process Process, string Account, NodeProcess Host)> StartGamerAsync(ProcessSet processes, CoordinatorNodes nodes, int index)
    {
        var key = Path.Combine(processes.Folder, $"gamer-{index + 1}.key");
        string account;
        using (var identity = IdentityStore.LoadOrCreate(key))
        {
            account = EdgeIdentityProof.AccountOf(identity.ExportSubjectPublicKeyInfo());
        }

        var process = processes.Start("GamerClient.dll",
            ["play", "--headless", "--autopilot", "--seconds", $"{PlaySeconds}", "--json", "--ticks", $"{TicksPerSecond}", "--coordinator", nodes.EdgesFrom(0), "--identity", key]);
        NodeProcess? host = null;
        await processes.WaitForAsync(() =>
        {
            Assert.False(process.HasExited, $"gamer {index + 1} exited before its session started:\n{processes.Output(process)}");
            host = nodes.All.FirstOrDefault(n => Regex.IsMatch(processes.Output(n.Process), $@"Session \S+ started for {account}"));
            return host is not null;
        }, Wait, $"the session of gamer {index + 1} starting");
        output.WriteLine($"gamer {index + 1}: session on node {host!.Index}");
        return (process, account, host);
    }
}
