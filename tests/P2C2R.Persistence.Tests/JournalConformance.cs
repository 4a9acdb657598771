namespace P2C2R.Persistence.Tests;

/// <summary>
/// What every journal and snapshot store must do, whatever database is behind it. A store's
/// test class derives from this and supplies the store; each test uses ids of its own.
/// </summary>
public abstract class JournalConformance
{
    protected abstract IEventJournal Journal { get; }

    protected abstract ISnapshotStore Snapshots { get; }

    /// <summary>A second store on the same database, standing in for another coordinator process.</summary>
    protected abstract Task<IEventJournal> OpenSecondStoreAsync();

    [SkippableFact]
    public async Task Events_replay_in_sequence_order_with_their_data_and_a_rising_ordering()
    {
        var id = NewId();
        await Journal.WriteAsync([Write(id, 1, 3)]);
        await Journal.WriteAsync([Write(id, 4, 5)]);

        var replayed = await ReplayAll(id);

        Assert.Equal([1L, 2, 3, 4, 5], replayed.Select(e => e.SequenceNr));
        Assert.True(replayed.Zip(replayed.Skip(1), (a, b) => a.Ordering < b.Ordering).All(rising => rising));
        Assert.Equal([3, 3], replayed[2].Payload);
        Assert.Equal("test.event", replayed[2].TypeId);
        Assert.Equal(["tag-a", "odd"], replayed[2].Tags);
        Assert.Equal(Stamp(3), replayed[2].Timestamp);
        Assert.Equal(5, await Journal.HighestSequenceNrAsync(id));
        Assert.Equal([2L, 3], (await ReplayRange(id, 2, 3)).Select(e => e.SequenceNr));
    }

    [SkippableTheory]
    [InlineData(4)]
    [InlineData(2)]
    [InlineData(1)]
    public async Task A_gap_or_a_number_already_taken_is_refused_and_nothing_is_stored(long first)
    {
        var id = NewId();
        await Journal.WriteAsync([Write(id, 1, 2)]);

        var error = await Assert.ThrowsAsync<JournalConflictException>(() => Journal.WriteAsync([Write(id, first, first + 1)]));

        Assert.Contains(id, error.Message, StringComparison.Ordinal);
        Assert.Equal(2, await Journal.HighestSequenceNrAsync(id));
        Assert.Equal([1L, 2], (await ReplayAll(id)).Select(e => e.SequenceNr));
    }

    [SkippableFact]
    public async Task A_batch_with_one_bad_write_stores_none_of_its_writes()
    {
        var good = NewId();
        var bad = NewId();

        await Assert.ThrowsAsync<JournalConflictException>(() => Journal.WriteAsync([Write(good, 1, 3), Write(bad, 2, 2)]));

        Assert.Empty(await ReplayAll(good));
        Assert.Equal(0, await Journal.HighestSequenceNrAsync(good));
    }

    [SkippableFact]
    public async Task Of_concurrent_writers_for_one_id_exactly_one_wins_each_race()
    {
        await RaceAsync(Journal, Journal);
    }

    [SkippableFact]
    public async Task Of_two_stores_on_one_database_racing_for_an_id_exactly_one_wins_each_race()
    {
        var first = Journal;
        await using var second = await OpenSecondStoreAsync();
        await RaceAsync(first, second);
    }

    [SkippableFact]
    public async Task Latest_snapshot_plus_the_replay_after_it_equals_a_full_replay()
    {
        var id = NewId();
        for (var from = 1; from <= 100; from += 10)
        {
            await Journal.WriteAsync([Write(id, from, from + 9)]);
        }

        var full = Fold(0, await ReplayAll(id));
        await Snapshots.SaveAsync(new SnapshotRecord(id, 30, Stamp(30), BitConverter.GetBytes(Fold(0, await ReplayRange(id, 1, 30)))));
        await Snapshots.SaveAsync(new SnapshotRecord(id, 60, Stamp(60), BitConverter.GetBytes(Fold(0, await ReplayRange(id, 1, 60)))));

        var snapshot = await Snapshots.LoadLatestAsync(id);
        var recovered = Fold(BitConverter.ToInt64(snapshot!.Payload), await ReplayRange(id, snapshot.SequenceNr + 1, long.MaxValue));

        Assert.Equal(60, snapshot.SequenceNr);
        Assert.Equal(full, recovered);
        Assert.Equal(30, (await Snapshots.LoadLatestAsync(id, 59))!.SequenceNr);
        Assert.Null(await Snapshots.LoadLatestAsync(id, 29));
    }

    [SkippableFact]
    public async Task Deleted_events_are_gone_but_numbering_continues_after_them()
    {
        var id = NewId();
        await Journal.WriteAsync([Write(id, 1, 5)]);

        await Journal.DeleteToAsync(id, 3);

        Assert.Equal([4L, 5], (await ReplayAll(id)).Select(e => e.SequenceNr));
        Assert.Equal(5, await Journal.HighestSequenceNrAsync(id));
        await Assert.ThrowsAsync<JournalConflictException>(() => Journal.WriteAsync([Write(id, 1, 1)]));
        await Journal.WriteAsync([Write(id, 6, 6)]);
        await Journal.DeleteToAsync(id, 6);
        Assert.Empty(await ReplayAll(id));
        Assert.Equal(6, await Journal.HighestSequenceNrAsync(id));
    }

    [SkippableFact]
    public async Task Deleting_snapshots_keeps_the_newer_ones()
    {
        var id = NewId();
        foreach (var seq in new long[] { 10, 20, 30 })
        {
            await Snapshots.SaveAsync(new SnapshotRecord(id, seq, Stamp(seq), [(byte)seq]));
        }

        await Snapshots.DeleteToAsync(id, 20);

        Assert.Equal(30, (await Snapshots.LoadLatestAsync(id))!.SequenceNr);
        Assert.Null(await Snapshots.LoadLatestAsync(id, 29));
    }

    /// <summary>Ten rounds of two writers starting together on a fresh id; exactly one may win each.</summary>
    private async Task RaceAsync(IEventJournal one, IEventJournal two)
    {
        for (var round = 0; round < 10; round++)
        {
            var id = NewId();
            using var start = new Barrier(2);
            var writers = new[] { one, two }.Select(store => Task.Run(async () =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(10));
                try
                {
                    await store.WriteAsync([Write(id, 1, 2)]);
                    return true;
                }
                catch (JournalConflictException)
                {
                    return false;
                }
            })).ToArray();

            var won = await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(1, won.Count(w => w));
            Assert.Equal([1L, 2], (await ReplayAll(id)).Select(e => e.SequenceNr));
        }
    }

    private static string NewId() => "test-" + Guid.NewGuid().ToString("N");

    private static DateTime Stamp(long seq) => new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(seq * 1.5);

    private static AtomicWrite Write(string id, long from, long to) => new(id,
        [.. Enumerable.Range(0, (int)(to - from + 1)).Select(i => from + i).Select(seq =>
            new JournalEvent(id, seq, "test.event", [(byte)seq, (byte)seq], Stamp(seq), seq % 2 == 1 ? ["tag-a", "odd"] : ["tag-a"]))]);

    private static long Fold(long state, IEnumerable<JournalEvent> events) =>
        events.Aggregate(state, (sum, e) => sum * 31 + e.Payload[0]);

    private Task<List<JournalEvent>> ReplayAll(string id) => ReplayRange(id, 1, long.MaxValue);

    private async Task<List<JournalEvent>> ReplayRange(string id, long from, long to)
    {
        var events = new List<JournalEvent>();
        await foreach (var e in Journal.ReplayAsync(id, from, to))
        {
            events.Add(e);
        }

        return events;
    }
}
