using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Ledger;
using P2C2R.Protocol;

namespace P2C2R.Coordinator.Tests;

/// <summary>The registry's journal: a restarted coordinator keeps helper ids, reputations and quarantines.</summary>
public sealed class RegistryTests : PersistentTestKit
{
    private static readonly CoordinatorSettings Coordination = new() { QuarantineThreshold = 0.2 };

    [Fact]
    public async Task A_quarantined_helper_is_still_quarantined_with_its_id_after_a_restart()
    {
        var ledger = CreateTestProbe();
        var helper = CreateTestProbe();
        var registry = Sys.ActorOf(Props.Create(() => new PeerRegistry(Coordination, ledger.Ref)));
        registry.Tell(new RegisterHelper(helper.Ref, Capabilities()), helper.Ref);
        var id = helper.ExpectMsg<HelperAccepted>().HelperId;
        registry.Tell(new Judgement(id, JudgementKind.Validated, 40), TestActor);
        registry.Tell(new Judgement(id, JudgementKind.Rejected, 0), TestActor);
        registry.Tell(new Judgement(id, JudgementKind.Rejected, 0), TestActor);
        Assert.Equal(new CreditHelper("acct", 40), ledger.ExpectMsg<CreditHelper>());
        var before = await DirectoryAsync(registry);
        Assert.True(before.Quarantined);
        await AwaitJournalledAsync(expected: 2);

        var again = Restarted().ActorOf(Props.Create(() => new PeerRegistry(Coordination, ledger.Ref)));
        var returning = CreateTestProbe();
        again.Tell(new RegisterHelper(returning.Ref, Capabilities()), returning.Ref);

        Assert.Equal(id, returning.ExpectMsg<HelperAccepted>().HelperId);
        var after = await DirectoryAsync(again);
        Assert.True(after.Quarantined);
        Assert.Equal(before.Reputation, after.Reputation);
    }

    private static HelperCapabilities Capabilities() => new("h1", "acct", 2, 1L << 30, ["physics.rigid"], 5, 1);

    private async Task<HelperView> DirectoryAsync(IActorRef registry) =>
        (await registry.Ask<HelperDirectory>(new SubscribeHelpers(), TimeSpan.FromSeconds(5))).Helpers.Single();

    /// <summary>Reputations are journalled once a second: wait for the enrolment and one reputation event.</summary>
    private async Task AwaitJournalledAsync(long expected)
    {
        for (var attempt = 0; attempt < 50 && await Store.HighestSequenceNrAsync("registry") < expected; attempt++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(expected, await Store.HighestSequenceNrAsync("registry"));
    }
}
