using System.Net;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Hosting;
using P2C2R.Coordinator.Ledger;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Tests;

/// <summary>The registry: helper connections, credits passed on, and a journal that keeps ids, reputations and quarantines.</summary>
public sealed class RegistryTests : PersistentTestKit
{
    private static readonly CoordinatorSettings Coordination = new();

    [Fact]
    public async Task A_quarantined_helper_is_still_quarantined_with_its_id_after_a_restart()
    {
        var first = StartSystem();
        var ledger = CreateTestProbe(first);
        var helper = CreateTestProbe(first);
        var registry = first.ActorOf(Props.Create(() => new PeerRegistry(Coordination, ledger.Ref)));
        registry.Tell(Joined(helper.Ref), helper.Ref);
        var id = helper.ExpectMsg<HelperAccepted>().HelperId;
        registry.Tell(new Judgement(id, JudgementKind.Validated, 40), helper.Ref);
        registry.Tell(new Judgement(id, JudgementKind.Rejected, 0), helper.Ref);
        registry.Tell(new Judgement(id, JudgementKind.Rejected, 0), helper.Ref);
        Assert.Equal(new CreditHelper("acct", 40), ledger.ExpectMsg<CreditHelper>());
        var before = await DirectoryAsync(registry);
        Assert.True(before.Quarantined);
        await AwaitAssertAsync(async () => Assert.Equal(2, (await JournalledAsync("registry")).Count), TimeSpan.FromSeconds(5));
        await StopAsync(first);

        var second = StartSystem();
        var again = second.ActorOf(Props.Create(() => new PeerRegistry(Coordination, ledger.Ref)));
        var returning = CreateTestProbe(second);
        again.Tell(Joined(returning.Ref), returning.Ref);

        Assert.Equal(id, returning.ExpectMsg<HelperAccepted>().HelperId);
        var after = await DirectoryAsync(again);
        Assert.True(after.Quarantined);
        Assert.Equal(before.Reputation, after.Reputation);
    }

    [Fact]
    public async Task Posted_credits_reach_the_helpers_connection_and_a_closed_connection_leaves_the_directory()
    {
        var ledger = CreateTestProbe();
        var connection = CreateTestProbe();
        var registry = Sys.ActorOf(Props.Create(() => new PeerRegistry(Coordination, ledger.Ref)));
        registry.Tell(SubscribeHelpers.Instance, TestActor);
        Assert.Empty(ExpectMsg<HelperDirectory>().Helpers);
        registry.Tell(Joined(connection.Ref), connection.Ref);
        var accepted = connection.ExpectMsg<HelperAccepted>();
        var joined = ExpectMsg<HelperDirectory>().Helpers.Single();
        Assert.Equal((accepted.HelperId, "acct", "10.0.0.0/24", "h1"), (joined.Id, joined.Account, joined.Host, joined.Name));

        registry.Tell(new Judgement(accepted.HelperId, JudgementKind.Validated, 9), TestActor);
        ledger.ExpectMsg<CreditHelper>();
        registry.Tell(new CreditsPosted("acct", 9), ledger.Ref);
        Assert.Equal(new CreditUpdate(9, 1, 0), connection.FishForMessage<CreditUpdate>(_ => true));

        await connection.Ref.GracefulStop(TimeSpan.FromSeconds(3));
        FishForMessage<HelperDirectory>(directory => directory.Helpers.Count == 0);
    }

    /// <summary>
    /// The registry fails and its supervisor restarts it: it recovers its journal, and the helper
    /// connected before is still in the directory its subscriber receives, without being told
    /// <see cref="HelperAccepted"/> a second time.
    /// </summary>
    [Fact]
    public async Task A_registry_restarted_after_a_failure_keeps_its_connected_helpers_and_its_subscribers()
    {
        var ledger = CreateTestProbe().Ref;
        var registry = Sys.ActorOf(CoordinatorActors.Restarting(Props.Create(() => new PeerRegistry(Coordination, ledger)), "registry"), "registry");
        var connection = CreateTestProbe();
        var subscriber = CreateTestProbe();
        registry.Tell(SubscribeHelpers.Instance, subscriber.Ref);
        registry.Tell(Joined(connection.Ref), connection.Ref);
        var id = connection.ExpectMsg<HelperAccepted>().HelperId;
        subscriber.FishForMessage<HelperDirectory>(d => d.Helpers.Count == 1);

        var child = (await registry.Ask<Akka.Pattern.BackoffSupervisor.CurrentChild>(Akka.Pattern.BackoffSupervisor.GetCurrentChild.Instance, TimeSpan.FromSeconds(5))).Ref!;
        Watch(child);
        EventFilter.Exception<ActorKilledException>().ExpectOne(() => child.Tell(Kill.Instance));
        registry.Tell(new Judgement(id, JudgementKind.Failed, 0), TestActor);

        var after = subscriber.FishForMessage<HelperDirectory>(d => d.Helpers.Count == 1 && d.Helpers[0].Reputation < 0.5);
        Assert.Equal((id, connection.Ref), (after.Helpers[0].Id, after.Helpers[0].Ref));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        connection.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    private static HelperJoined Joined(IActorRef connection) =>
        new(connection, "acct", IPAddress.Parse("10.0.0.7"), new HelperCapabilities("h1", 2, 1L << 30, ["physics.rigid"], 5, 1));

    private static async Task<HelperView> DirectoryAsync(IActorRef registry) =>
        (await registry.Ask<HelperDirectory>(SubscribeHelpers.Instance, TimeSpan.FromSeconds(5))).Helpers.Single();
}
