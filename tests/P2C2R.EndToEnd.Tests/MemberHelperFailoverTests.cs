using P2C2R.EndToEnd.Tests.Cluster;
using P2C2R.EndToEnd.Tests.Postgres;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// A member helper works for one coordinator node at a time and moves to another member when its
/// node leaves the cluster: two coordinator nodes in this process, clustered on one PostgreSQL
/// database, and a member helper seeded with the first only.
/// </summary>
[Collection(nameof(Simulations))]
public sealed class MemberHelperFailoverTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [SkippableFact]
    public async Task A_member_helper_whose_coordinator_leaves_the_cluster_registers_with_another_node()
    {
        Skip.If(postgres.Server is null, postgres.Unavailable);
        var database = await postgres.NewDatabaseAsync();
        var ports = new[] { ProcessSet.FreePort(), ProcessSet.FreePort() };
        var live = new List<InProcessCoordinator>();
        try
        {
            live.Add(await InProcessCoordinator.StartAsync(Node(database, ports[0], seeds: "")));
            live.Add(await InProcessCoordinator.StartAsync(Node(database, ports[1], seeds: NodeProcess.AddressOf(ports[0]))));
            await using var member = await MemberHelper.StartAsync(NodeProcess.AddressOf(ports[0]), "member");
            var home = await HomeOfAsync(member.Account, [.. live], TimeSpan.FromSeconds(30));
            var other = live.Single(node => node != home);

            live.Remove(home);
            await home.DisposeAsync();
            var moved = await HomeOfAsync(member.Account, [other], TimeSpan.FromSeconds(30));

            Assert.Same(other, moved);
        }
        finally
        {
            foreach (var node in live)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static Dictionary<string, string> Node(string database, int clusterPort, string seeds) => new()
    {
        ["p2c2r.persistence.store"] = "postgres",
        ["p2c2r.persistence.postgres.connection-string"] = database,
        ["p2c2r.coordinator.cluster.port"] = $"{clusterPort}",
        ["p2c2r.coordinator.cluster.seed-nodes"] = seeds,
    };

    /// <summary>The node whose registry holds the helper of <paramref name="account"/>.</summary>
    private static async Task<InProcessCoordinator> HomeOfAsync(string account, InProcessCoordinator[] nodes, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var node in nodes)
            {
                if ((await node.DirectoryAsync()).Helpers.Any(h => h.Account == account))
                {
                    return node;
                }
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"no coordinator node registered the member helper within {timeout.TotalSeconds:0} s");
    }
}
