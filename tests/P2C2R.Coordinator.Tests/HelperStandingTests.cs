using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Serialization;

namespace P2C2R.Coordinator.Tests;

/// <summary>A helper's standing entity: it journals what it is told, answers it, recovers it, and never lets a stale write lift a quarantine.</summary>
public sealed class HelperStandingTests : PersistentTestKit
{
    private const string Key = "acct/h1";
    private static readonly long InTenMinutes = DateTime.UtcNow.AddMinutes(10).Ticks;

    [Fact]
    public async Task It_answers_the_latest_standing_it_was_told_and_recovers_it_from_the_journal()
    {
        var first = StartSystem();
        var standing = first.ActorOf(HelperStandingShards.Props(Key));
        var probe = CreateTestProbe(first);
        standing.Tell(new GetStanding(Key), probe.Ref);
        Assert.Equal(new Standing(Key, null), probe.ExpectMsg<Standing>());

        var older = new ReputationChanged(Key, 0.6, 4, 0, 0, 4);
        var latest = new ReputationChanged(Key, 0.62, 5, 0, 0, 5);
        standing.Tell(older, probe.Ref);
        standing.Tell(latest, probe.Ref);
        standing.Tell(new GetStanding(Key), probe.Ref);
        Assert.Equal(new Standing(Key, latest), probe.ExpectMsg<Standing>());
        Assert.Equal([older, latest], await JournalledAsync(HelperStanding.PersistenceIdPrefix + Key));
        Assert.Equal([(long)P2C2RSerializer.Id], DistinctValues("journal", "identifier", HelperStanding.PersistenceIdPrefix + Key));
        await StopAsync(first);

        var second = StartSystem();
        var recovered = second.ActorOf(HelperStandingShards.Props(Key));
        var asker = CreateTestProbe(second);
        recovered.Tell(new GetStanding(Key), asker.Ref);
        Assert.Equal(new Standing(Key, latest), asker.ExpectMsg<Standing>());
    }

    /// <summary>
    /// A node that read the standing before another node quarantined the helper writes what it
    /// saw since: its counts are kept, but the quarantine, the rejections and the lost trust stand.
    /// </summary>
    [Fact]
    public void A_write_that_does_not_know_of_a_quarantine_cannot_lift_it()
    {
        var standing = Sys.ActorOf(HelperStandingShards.Props(Key));
        var quarantined = new ReputationChanged(Key, 0.15, 10, 1, InTenMinutes, 0);
        var stale = new ReputationChanged(Key, 0.9, 40, 0, 0, 40);
        standing.Tell(quarantined);
        standing.Tell(stale);
        standing.Tell(new GetStanding(Key), TestActor);

        Assert.Equal(new Standing(Key, new ReputationChanged(Key, 0.15, 40, 1, InTenMinutes, 0)), ExpectMsg<Standing>());
    }

    [Fact]
    public async Task It_is_snapshotted_so_recovery_replays_a_few_events_only()
    {
        var first = StartSystem();
        var standing = first.ActorOf(HelperStandingShards.Props(Key));
        for (var run = 1; run <= 120; run++)
        {
            standing.Tell(new ReputationChanged(Key, 0.5, run, 0, 0, run));
        }

        var probe = CreateTestProbe(first);
        standing.Tell(new GetStanding(Key), probe.Ref);
        Assert.Equal(120, probe.ExpectMsg<Standing>().Latest!.ValidRun);
        await AwaitAssertAsync(
            () => Assert.Equal([(long)P2C2RSerializer.Id], DistinctValues("snapshot", "serializer_id", HelperStanding.PersistenceIdPrefix + Key)),
            TimeSpan.FromSeconds(10));
        await StopAsync(first);

        var second = StartSystem();
        var asker = CreateTestProbe(second);
        second.ActorOf(HelperStandingShards.Props(Key)).Tell(new GetStanding(Key), asker.Ref);
        Assert.Equal(120, asker.ExpectMsg<Standing>().Latest!.ValidRun);
    }
}
