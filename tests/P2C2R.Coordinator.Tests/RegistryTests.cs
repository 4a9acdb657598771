using System.Net;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Hosting;
using P2C2R.Coordinator.Ledger;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Tests;

/// <summary>
/// The registry: helper connections, credits passed on, and standings read from and written to
/// the helpers' <see cref="HelperStanding"/> entities, which nodes on one journal share.
/// </summary>
public sealed class RegistryTests : PersistentTestKit
{
    private static readonly CoordinatorSettings Coordination = new();

    [Fact]
    public async Task A_helper_quarantined_through_one_node_is_quarantined_when_it_joins_another()
    {
        var first = StartSystem();
        var ledger = CreateTestProbe(first);
        var helper = CreateTestProbe(first);
        var standings = StartStandings(first);
        var registry = first.ActorOf(Props.Create(() => new PeerRegistry(Coordination, ledger.Ref, standings)));
        registry.Tell(Joined(helper.Ref), helper.Ref);
        var id = helper.ExpectMsg<HelperAccepted>().HelperId;
        registry.Tell(new Judgement(id, JudgementKind.Validated, 40), helper.Ref);
        registry.Tell(new Judgement(id, JudgementKind.Rejected, 0), helper.Ref);
        Assert.Equal(new CreditHelper("acct", 40), ledger.ExpectMsg<CreditHelper>());
        var before = await DirectoryAsync(registry);
        Assert.True(before.Quarantined);
        await AwaitAssertAsync(
            async () => Assert.Contains(await JournalledAsync("helper-acct/h1"), e => e is ReputationChanged { Rejected: 1 } changed && changed.QuarantinedUntilTicks > DateTime.UtcNow.Ticks),
            TimeSpan.FromSeconds(10));

        var second = StartSystem();
        var secondStandings = StartStandings(second);
        var other = second.ActorOf(Props.Create(() => new PeerRegistry(Coordination, CreateTestProbe(second).Ref, secondStandings)));
        var elsewhere = CreateTestProbe(second);
        other.Tell(Joined(elsewhere.Ref), elsewhere.Ref);

        elsewhere.ExpectMsg<HelperAccepted>();
        var after = await DirectoryAsync(other);
        Assert.Equal((true, before.Reputation, 0L), (after.Quarantined, after.Reputation, after.ValidRun));
    }

    /// <summary>A helper's earnings reach the ledger summed, once a second, not once per judgement.</summary>
    [Fact]
    public void Earnings_reach_the_ledger_summed_per_account()
    {
        var ledger = CreateTestProbe();
        var connection = CreateTestProbe();
        var registry = Sys.ActorOf(Props.Create(() => new PeerRegistry(Coordination, ledger.Ref, StartStandings(Sys))));
        registry.Tell(Joined(connection.Ref), connection.Ref);
        var id = connection.ExpectMsg<HelperAccepted>().HelperId;
        foreach (var cost in new long[] { 40, 2, 5 })
        {
            registry.Tell(new Judgement(id, JudgementKind.Validated, cost), connection.Ref);
        }

        Assert.Equal(new CreditHelper("acct", 47, Donate: false, Tasks: 3), ledger.ExpectMsg<CreditHelper>());
        ledger.ExpectNoMsg(TimeSpan.FromMilliseconds(1500));
        registry.Tell(new Judgement(id, JudgementKind.Accepted, 8), connection.Ref);
        Assert.Equal(new CreditHelper("acct", 8), ledger.ExpectMsg<CreditHelper>());
    }

    [Fact]
    public async Task Posted_credits_reach_the_helpers_connection_and_a_closed_connection_leaves_the_directory()
    {
        var ledger = CreateTestProbe();
        var connection = CreateTestProbe();
        var standings = StartStandings(Sys);
        var registry = Sys.ActorOf(Props.Create(() => new PeerRegistry(Coordination, ledger.Ref, standings)));
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
    /// The registry fails and its supervisor restarts it: the helper connected before is still in
    /// the directory its subscriber receives, with its id, without being told
    /// <see cref="HelperAccepted"/> a second time, and a judgement sent meanwhile is applied.
    /// </summary>
    [Fact]
    public async Task A_registry_restarted_after_a_failure_keeps_its_connected_helpers_and_its_subscribers()
    {
        var ledger = CreateTestProbe().Ref;
        var standings = StartStandings(Sys);
        var registry = Sys.ActorOf(CoordinatorActors.Restarting(Props.Create(() => new PeerRegistry(Coordination, ledger, standings)), "registry"), "registry");
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

    [Fact]
    public void Joins_of_one_helper_while_its_standing_is_read_enroll_it_once_and_the_newest_connection_serves()
    {
        var standings = CreateTestProbe();
        var registry = Sys.ActorOf(Props.Create(() => new PeerRegistry(Coordination, CreateTestProbe().Ref, standings.Ref)));
        var older = CreateTestProbe();
        var newer = CreateTestProbe();
        registry.Tell(Joined(older.Ref), older.Ref);
        registry.Tell(Joined(newer.Ref), newer.Ref);

        Assert.Equal(new GetStanding("acct/h1"), standings.ExpectMsg<GetStanding>());
        standings.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        registry.Tell(new Standing("acct/h1", null), standings.Ref);

        Assert.Equal(older.ExpectMsg<HelperAccepted>().HelperId, newer.ExpectMsg<HelperAccepted>().HelperId);
        registry.Tell(SubscribeHelpers.Instance, TestActor);
        Assert.Equal(newer.Ref, ExpectMsg<HelperDirectory>().Helpers.Single().Ref);
    }

    /// <summary>
    /// Admitting a helper whose standing is unknown as a new one would lift its quarantine: after
    /// three unanswered reads it is refused instead, and its connection closes (it dials again).
    /// </summary>
    [Fact]
    public void A_helper_whose_standing_cannot_be_read_is_refused_not_admitted_as_new()
    {
        var settings = Coordination with { StandingReadTimeout = TimeSpan.FromMilliseconds(200) };
        var standings = CreateTestProbe();
        var registry = Sys.ActorOf(Props.Create(() => new PeerRegistry(settings, CreateTestProbe().Ref, standings.Ref)));
        var connection = CreateTestProbe();
        registry.Tell(Joined(connection.Ref), connection.Ref);

        for (var i = 0; i < 3; i++)
        {
            standings.ExpectMsg<GetStanding>();
        }

        connection.ExpectMsg<HelperRefused>();
        standings.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        registry.Tell(SubscribeHelpers.Instance, TestActor);
        Assert.Empty(ExpectMsg<HelperDirectory>().Helpers);
    }

    /// <summary>
    /// A helper that left this node may have been judged on another since: when it comes back its
    /// standing is read again, after what this node last knew of it was written.
    /// </summary>
    [Fact]
    public async Task A_helper_that_comes_back_is_read_again_and_a_rejection_is_written_at_once()
    {
        var standings = CreateTestProbe();
        var registry = Sys.ActorOf(Props.Create(() => new PeerRegistry(Coordination, CreateTestProbe().Ref, standings.Ref)));
        var first = CreateTestProbe();
        registry.Tell(Joined(first.Ref), first.Ref);
        standings.ExpectMsg<GetStanding>();
        standings.Reply(new Standing("acct/h1", null));
        var id = first.ExpectMsg<HelperAccepted>().HelperId;

        registry.Tell(new Judgement(id, JudgementKind.Rejected, 0), TestActor);
        var quarantined = standings.ExpectMsg<ReputationChanged>(TimeSpan.FromMilliseconds(500));
        Assert.True(quarantined.QuarantinedUntilTicks > DateTime.UtcNow.Ticks);
        registry.Tell(new Judgement(id, JudgementKind.TimedOut, 0), TestActor);
        await first.Ref.GracefulStop(TimeSpan.FromSeconds(3));
        Assert.Equal(1, standings.ExpectMsg<ReputationChanged>().Rejected);

        var back = CreateTestProbe();
        registry.Tell(Joined(back.Ref), back.Ref);
        standings.ExpectMsg<GetStanding>();
        standings.Reply(new Standing("acct/h1", quarantined with { Rejected = 2, ValidRun = 0, Reputation = 0.1 }));

        Assert.Equal(id, back.ExpectMsg<HelperAccepted>().HelperId);
        var view = await DirectoryAsync(registry);
        Assert.Equal((true, 0.1), (view.Quarantined, view.Reputation));
    }

    private static HelperJoined Joined(IActorRef connection) =>
        new(connection, "acct", IPAddress.Parse("10.0.0.7"), new HelperCapabilities("h1", 2, 1L << 30, ["physics.rigid"], 5, 1));

    private static async Task<HelperView> DirectoryAsync(IActorRef registry) =>
        (await registry.Ask<HelperDirectory>(SubscribeHelpers.Instance, TimeSpan.FromSeconds(5))).Helpers.Single();
}
