using System.Net;
using MessagePack;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Serialization;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Tests;

/// <summary>
/// The registry's side of adaptive trust: hosts by observed address, runs of valid results that
/// make a helper trusted and follow it to another node, quarantine on a result proven wrong only, and a
/// directory that is not republished per judgement.
/// </summary>
public sealed class RegistryTrustTests : PersistentTestKit
{
    private static readonly CoordinatorSettings Coordination = new();

    [Fact]
    public void A_helpers_host_is_the_network_of_the_address_its_connection_came_from()
    {
        var settings = Coordination with { Ipv4Prefix = 32 };
        var standings = StartStandings(Sys);
        var registry = Sys.ActorOf(Props.Create(() => new PeerRegistry(settings, CreateTestProbe().Ref, standings)));
        registry.Tell(SubscribeHelpers.Instance, TestActor);
        ExpectMsg<HelperDirectory>();
        registry.Tell(Joined(CreateTestProbe().Ref, "a", "::ffff:127.0.0.2"), TestActor);
        registry.Tell(Joined(CreateTestProbe().Ref, "b", "127.0.0.3"), TestActor);
        registry.Tell(Joined(CreateTestProbe().Ref, "c", "2001:db8:7:8::9"), TestActor);

        var helpers = FishForMessage<HelperDirectory>(d => d.Helpers.Count == 3).Helpers;
        Assert.Equal(["127.0.0.2/32", "127.0.0.3/32", "2001:db8:7::/48"], helpers.Select(h => h.Host));
    }

    [Fact]
    public async Task A_helper_is_trusted_after_a_run_of_valid_results_and_keeps_its_run_on_another_node()
    {
        var first = StartSystem();
        var helper = CreateTestProbe(first);
        var standings = StartStandings(first);
        var registry = first.ActorOf(Props.Create(() => new PeerRegistry(Coordination, CreateTestProbe(first).Ref, standings)));
        registry.Tell(Joined(helper.Ref, "acct", "10.0.0.7"), helper.Ref);
        var id = helper.ExpectMsg<HelperAccepted>().HelperId;
        for (var i = 0; i < 9; i++)
        {
            registry.Tell(new Judgement(id, JudgementKind.Validated, 1), helper.Ref);
        }

        var nine = await DirectoryAsync(registry);
        Assert.Equal((9L, false, 1.0), (nine.ValidRun, nine.Trusted, nine.ReplicationRate));
        for (var i = 0; i < 11; i++)
        {
            registry.Tell(new Judgement(id, JudgementKind.Validated, 1), helper.Ref);
        }

        registry.Tell(new Judgement(id, JudgementKind.TimedOut, 0), helper.Ref);
        var twenty = await DirectoryAsync(registry);
        Assert.Equal((20L, true, 0.5, false), (twenty.ValidRun, twenty.Trusted, twenty.ReplicationRate, twenty.Quarantined));
        await AwaitAssertAsync(async () => Assert.Contains(await JournalledAsync("helper-acct/h-acct"), e => e is ReputationChanged { ValidRun: 20 }), TimeSpan.FromSeconds(5));
        await StopAsync(first);

        var second = StartSystem();
        var secondStandings = StartStandings(second);
        var again = second.ActorOf(Props.Create(() => new PeerRegistry(Coordination, CreateTestProbe(second).Ref, secondStandings)));
        var returning = CreateTestProbe(second);
        again.Tell(Joined(returning.Ref, "acct", "10.0.0.8"), returning.Ref);
        returning.ExpectMsg<HelperAccepted>();
        var after = await DirectoryAsync(again);
        Assert.Equal((20L, true, 0.5), (after.ValidRun, after.Trusted, after.ReplicationRate));
    }

    [Fact]
    public async Task One_result_proven_wrong_quarantines_at_once_resets_the_run_and_the_quarantine_ends_by_itself()
    {
        var settings = Coordination with { QuarantineTime = TimeSpan.FromMilliseconds(600) };
        var standings = StartStandings(Sys);
        var registry = Sys.ActorOf(Props.Create(() => new PeerRegistry(settings, CreateTestProbe().Ref, standings)));
        var helper = CreateTestProbe();
        registry.Tell(Joined(helper.Ref, "acct", "10.0.0.7"), helper.Ref);
        var id = helper.ExpectMsg<HelperAccepted>().HelperId;
        for (var i = 0; i < 30; i++)
        {
            registry.Tell(new Judgement(id, JudgementKind.Validated, 1), helper.Ref);
        }

        Assert.True((await DirectoryAsync(registry)).Trusted);
        registry.Tell(SubscribeHelpers.Instance, TestActor);
        FishForMessage<HelperDirectory>(d => d.Helpers.Single().ValidRun == 30);

        registry.Tell(new Judgement(id, JudgementKind.Rejected, 0), helper.Ref);
        var quarantined = FishForMessage<HelperDirectory>(d => d.Helpers.Single().Quarantined, TimeSpan.FromMilliseconds(400)).Helpers.Single();
        Assert.Equal((true, 0L, false, 1.0), (quarantined.Quarantined, quarantined.ValidRun, quarantined.Trusted, quarantined.ReplicationRate));

        var released = FishForMessage<HelperDirectory>(d => !d.Helpers.Single().Quarantined, TimeSpan.FromSeconds(3)).Helpers.Single();
        Assert.Equal(0, released.ValidRun);
    }

    [Fact]
    public async Task Timeouts_and_failures_lower_the_reputation_but_never_quarantine()
    {
        var standings = StartStandings(Sys);
        var registry = Sys.ActorOf(Props.Create(() => new PeerRegistry(Coordination, CreateTestProbe().Ref, standings)));
        var helper = CreateTestProbe();
        registry.Tell(Joined(helper.Ref, "acct", "10.0.0.7"), helper.Ref);
        var id = helper.ExpectMsg<HelperAccepted>().HelperId;
        for (var i = 0; i < 500; i++)
        {
            registry.Tell(new Judgement(id, i % 2 == 0 ? JudgementKind.TimedOut : JudgementKind.Failed, 0), helper.Ref);
        }

        var view = await DirectoryAsync(registry);
        Assert.False(view.Quarantined);
        Assert.True(view.Reputation < 0.5);
    }

    [Fact]
    public void A_burst_of_judgements_is_published_as_a_few_directories_not_one_each()
    {
        var standings = StartStandings(Sys);
        var registry = Sys.ActorOf(Props.Create(() => new PeerRegistry(Coordination, CreateTestProbe().Ref, standings)));
        var helper = CreateTestProbe();
        registry.Tell(SubscribeHelpers.Instance, TestActor);
        ExpectMsg<HelperDirectory>();
        registry.Tell(Joined(helper.Ref, "acct", "10.0.0.7"), helper.Ref);
        var id = helper.ExpectMsg<HelperAccepted>().HelperId;
        ExpectMsg<HelperDirectory>();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 500; i++)
        {
            registry.Tell(new Judgement(id, JudgementKind.Validated, 1), helper.Ref);
        }

        var directories = 1;
        while (ExpectMsg<HelperDirectory>(TimeSpan.FromSeconds(3)).Helpers.Single().ValidRun < 500)
        {
            directories++;
        }

        Assert.True(directories <= 2 + (clock.ElapsedMilliseconds / 100), $"{directories} directories in {clock.ElapsedMilliseconds} ms");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void A_reputation_row_journalled_before_runs_were_kept_reads_as_a_run_of_zero()
    {
        var old = MessagePackSerializer.Serialize<object[]>(["acct/h1", 0.625, 10L, 1L, 638_000_000_000_000_000L]);
        var serializer = (P2C2RSerializer)Sys.Serialization.FindSerializerForType(typeof(ReputationChanged));

        var row = Assert.IsType<ReputationChanged>(serializer.FromBinary(old, "registry.reputation"));

        Assert.Equal(new ReputationChanged("acct/h1", 0.625, 10, 1, 638_000_000_000_000_000, ValidRun: 0), row);
    }

    private static HelperJoined Joined(IActorRef connection, string account, string address) =>
        new(connection, account, IPAddress.Parse(address), new HelperCapabilities("h-" + account, 2, 1L << 30, ["physics.rigid"], 5, 1));

    private static async Task<HelperView> DirectoryAsync(IActorRef registry) =>
        (await registry.Ask<HelperDirectory>(SubscribeHelpers.Instance, TimeSpan.FromSeconds(5))).Helpers.Single();
}
