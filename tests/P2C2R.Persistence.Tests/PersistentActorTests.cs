using P2C2R.Actors;
using P2C2R.Persistence.Sqlite;

namespace P2C2R.Persistence.Tests;

/// <summary>The runtime's PersistentActor on the SQLite store: persist, stash, recover, snapshot, delete, fail, batch.</summary>
public sealed class PersistentActorTests : TestKit.TestKit, IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("p2c2r-persistent-").FullName;
    private SqliteStore _store = null!;
    private InstrumentedJournal _journal = null!;

    public Task InitializeAsync()
    {
        _store = SqliteStore.Open(Path.Combine(_directory, "journal.db"));
        _journal = new InstrumentedJournal(_store);
        PersistenceExtension.Start(Sys, _journal, _store, CounterActor.Serializer);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Sys.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Commands_wait_for_the_write_and_the_state_survives_into_another_system()
    {
        var counter = Sys.ActorOf(Props.Create(() => new CounterActor("c-survive", null)));

        counter.Tell(new Add(1), TestActor);
        counter.Tell(new Add(2), TestActor);
        counter.Tell(new GetState(), TestActor);

        Assert.Equal(1, ExpectMsg<CounterView>().Events);
        Assert.Equal(2, ExpectMsg<CounterView>().Events);
        var before = ExpectMsg<CounterView>();
        Assert.Equal((2, 2L), (before.Events, before.SequenceNr));
        var after = Recover("c-survive");
        Assert.Equal((before.Total, 2, 2L, 2), (after.Total, after.Events, after.SequenceNr, after.Replayed));
    }

    [Fact]
    public async Task PersistAll_writes_its_events_as_one_atomic_write_and_applies_them_in_order()
    {
        var counter = Sys.ActorOf(Props.Create(() => new CounterActor("c-all", null)));

        counter.Tell(new AddMany([3, 1, 4]), TestActor);
        counter.Tell(new GetState(), TestActor);

        var view = ExpectMsg<CounterView>();
        Assert.Equal(((3L * 31 + 1) * 31) + 4, view.Total);
        Assert.Equal(3, view.SequenceNr);
        Assert.Equal(1, _journal.Calls);
        Assert.Equal(3, await _store.HighestSequenceNrAsync("c-all"));
    }

    [Fact]
    public void Recovery_from_a_snapshot_replays_only_the_events_after_it_and_survives_deleting_the_covered_ones()
    {
        var counter = Sys.ActorOf(Props.Create(() => new CounterActor("c-snap", TestActor)));
        counter.Tell(new AddMany([1, 2, 3, 4, 5]), TestActor);
        counter.Tell(new TakeSnapshot(), TestActor);
        Assert.Equal(5, ExpectMsg<SaveSnapshotSuccess>().SequenceNr);
        counter.Tell(new DeleteUpTo(5), TestActor);
        ExpectMsg<DeleteMessagesSuccess>();
        counter.Tell(new AddMany([6, 7]), TestActor);
        counter.Tell(new GetState(), TestActor);
        var original = ExpectMsg<CounterView>();

        var recovered = Recover("c-snap");

        Assert.True(recovered.FromSnapshot);
        Assert.Equal(2, recovered.Replayed);
        Assert.Equal((original.Total, 7, 7L), (recovered.Total, recovered.Events, recovered.SequenceNr));
    }

    [Fact]
    public async Task A_failed_write_stops_the_actor_with_the_cause_logged_and_applies_nothing()
    {
        var counter = Sys.ActorOf(Props.Create(() => new CounterActor("c-fail", null)));
        counter.Tell(new Add(1), TestActor);
        ExpectMsg<CounterView>();
        Watch(counter);
        _journal.FailNextWrite();

        counter.Tell(new Add(2), TestActor);
        counter.Tell(new GetState(), TestActor);

        ExpectTerminated(counter);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, await _store.HighestSequenceNrAsync("c-fail"));
        Assert.Contains(Logs.Entries, e => e.Message.Contains("c-fail: persisting events failed", StringComparison.Ordinal) && e.Exception is IOException);
        Assert.Equal(1, Recover("c-fail").Events);
    }

    [Fact]
    public void A_restarted_actor_recovers_its_state_from_the_journal()
    {
        var counter = Sys.ActorOf(Props.Create(() => new CounterActor("c-restart", null)));
        counter.Tell(new Add(5), TestActor);
        counter.Tell(new Add(6), TestActor);
        ExpectMsg<CounterView>();
        var before = ExpectMsg<CounterView>();

        counter.Tell(new Crash(), TestActor);
        counter.Tell(new GetState(), TestActor);

        var after = ExpectMsg<CounterView>();
        Assert.Equal((before.Total, 2, 2), (after.Total, after.Events, after.Replayed));
    }

    [Fact]
    public void An_actor_restarted_while_its_write_is_in_flight_recovers_that_write_and_numbers_on_after_it()
    {
        Sys.ActorOf(Props.Create(() => new AllForOneParent("c-inflight", TestActor)));
        var (counter, fuse) = ExpectMsg<(IActorRef Counter, IActorRef Fuse)>();
        counter.Tell(new GetState(), TestActor);
        ExpectMsg<CounterView>();
        _journal.Delay = TimeSpan.FromMilliseconds(500);

        counter.Tell(new Add(7), TestActor);
        fuse.Tell("blow");

        counter.Tell(new GetState(), TestActor);

        var recovered = ExpectMsg<CounterView>(timeout: TimeSpan.FromSeconds(5));
        Assert.Equal((1, 1L, 1), (recovered.Events, recovered.SequenceNr, recovered.Replayed));
        _journal.Delay = TimeSpan.Zero;
        counter.Tell(new Add(8), TestActor);
        var after = ExpectMsg<CounterView>();
        Assert.Equal((2, 2L), (after.Events, after.SequenceNr));
    }

    [Fact]
    public void Writes_of_many_actors_share_journal_calls()
    {
        _journal.Delay = TimeSpan.FromMilliseconds(50);
        var counters = Enumerable.Range(0, 100).Select(i => Sys.ActorOf(Props.Create(() => new CounterActor($"c-batch-{i}", null)))).ToArray();
        foreach (var counter in counters)
        {
            counter.Tell(new GetState(), TestActor);
        }

        ReceiveN(100, TimeSpan.FromSeconds(10));

        foreach (var counter in counters)
        {
            counter.Tell(new Add(1), TestActor);
        }

        Assert.All(ReceiveN(100, TimeSpan.FromSeconds(10)), reply => Assert.Equal(1, ((CounterView)reply).Events));
        Assert.InRange(_journal.Calls, 1, 10);
    }

    [Fact]
    public void Recovery_of_thousands_of_events_arrives_complete_and_in_order()
    {
        var counter = Sys.ActorOf(Props.Create(() => new CounterActor("c-long", null)));
        for (var batch = 0; batch < 6; batch++)
        {
            counter.Tell(new AddMany([.. Enumerable.Range(batch * 500, 500)]), TestActor);
        }

        counter.Tell(new GetState(), TestActor);
        var original = ExpectMsg<CounterView>(timeout: TimeSpan.FromSeconds(20));

        var recovered = Recover("c-long");

        Assert.Equal((original.Total, 3000, 3000L, 3000), (recovered.Total, recovered.Events, recovered.SequenceNr, recovered.Replayed));
    }

    /// <summary>Recovers the id in a second system on the same store, as a restarted coordinator would.</summary>
    private CounterView Recover(string id)
    {
        var system = CreateSystem("recovering-" + Guid.NewGuid().ToString("N")[..6]);
        PersistenceExtension.Start(system, _store, _store, CounterActor.Serializer);
        system.ActorOf(Props.Create(() => new CounterActor(id, null))).Tell(new GetState(), TestActor);
        return ExpectMsg<CounterView>(timeout: TimeSpan.FromSeconds(20));
    }
}
