using Akka.Hosting;
using P2C2R.Coordinator.Ledger;
using P2C2R.EndToEnd.Tests.Cluster;
using P2C2R.Membership;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// An operator-owned helper that joined the coordinators' cluster (role <c>helper</c>) is used
/// exactly like an edge helper: its key proves its account through the node's gate, the scheduler
/// gives it a gamer's work, validation pairs its results with an edge helper's, the ledger credits
/// its account, and it leaves the registry when its actor system stops.
/// </summary>
[Collection(nameof(Simulations))]
public sealed class MemberHelperTests
{
    [Fact]
    public async Task A_member_helper_registers_does_a_gamers_work_is_credited_and_is_dropped_when_its_system_stops()
    {
        var clusterPort = ProcessSet.FreePort();
        await using var cluster = await SimulatedCluster.StartAsync(new()
        {
            ["p2c2r.coordinator.session.ticks-per-second"] = "30",
            ["p2c2r.coordinator.cluster.port"] = $"{clusterPort}",
        });
        await using var member = await MemberHelper.StartAsync(NodeProcess.AddressOf(clusterPort), "member");
        // Until a helper is trusted its tasks are replicated on a helper of another account and host.
        var edge = cluster.AddHelper("edge-helper");
        await cluster.Coordinator.WaitForHelpersAsync(2, TimeSpan.FromSeconds(20));
        var joined = (await cluster.Coordinator.DirectoryAsync()).Helpers.Single(h => h.Account == member.Account);

        var gamer = await cluster.StartSessionAsync(30);
        var credits = await WaitForCreditsAsync(cluster.Coordinator, member.Account, TimeSpan.FromSeconds(20));
        var report = await EdgeParticipants.EndSessionAsync(gamer);
        await member.StopAsync();
        var left = await WaitForDepartureAsync(cluster.Coordinator, member.Account, TimeSpan.FromSeconds(10));

        Assert.Equal("member", joined.Name);
        Assert.Equal("127.0.0.1", joined.Host.Split('/')[0]);
        Assert.NotEqual(edge.Account, member.Account);
        Assert.True(credits > 0, $"the member helper's account holds {credits} credits");
        var final = report.Final!;
        Assert.True(final.HelperComputed > 0, $"{final}");
        Assert.Equal(0, final.ValidationRejects);
        ReferenceFrames.AssertExact(report, cluster.Settings, 30);
        Assert.True(left, "the member helper is still in the registry 10 s after its system stopped");
        Assert.Contains((await cluster.Coordinator.DirectoryAsync()).Helpers, h => h.Account == edge.Account);
    }

    /// <summary>The member helper's balance in the ledger once it is above zero.</summary>
    private static async Task<long> WaitForCreditsAsync(InProcessCoordinator coordinator, string account, TimeSpan timeout)
    {
        var ledger = ActorRegistry.For(coordinator.System).Get<CreditLedger>();
        var deadline = DateTime.UtcNow + timeout;
        long credits;
        do
        {
            var balances = await ledger.Ask<LedgerBalances>(QueryLedger.Instance, TimeSpan.FromSeconds(5));
            credits = balances.Balances.GetValueOrDefault(CreditLedger.HelperAccount(account));
            if (credits > 0)
            {
                return credits;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        return credits;
    }

    private static async Task<bool> WaitForDepartureAsync(InProcessCoordinator coordinator, string account, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (!(await coordinator.DirectoryAsync()).Helpers.Any(h => h.Account == account))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
