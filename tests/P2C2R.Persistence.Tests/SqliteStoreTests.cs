using Microsoft.Data.Sqlite;
using P2C2R.Persistence.Sqlite;

namespace P2C2R.Persistence.Tests;

/// <summary>The conformance suite on the embedded SQLite store, plus what is SQLite's own: the file, WAL and schema versions.</summary>
public sealed class SqliteStoreTests : JournalConformance, IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("p2c2r-journal-").FullName;
    private SqliteStore? _store;

    private string DatabasePath => Path.Combine(_directory, "data", "journal.db");

    protected override IEventJournal Journal => _store!;

    protected override ISnapshotStore Snapshots => _store!;

    public Task InitializeAsync()
    {
        _store = SqliteStore.Open(DatabasePath);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store!.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Reopening_keeps_the_events_and_does_not_migrate_twice()
    {
        await _store!.WriteAsync([new AtomicWrite("reopen", [new JournalEvent("reopen", 1, "t", [1], DateTime.UtcNow, [])])]);
        await _store.DisposeAsync();

        _store = SqliteStore.Open(DatabasePath);

        Assert.Equal(1, await _store.HighestSequenceNrAsync("reopen"));
        Assert.Equal(("wal", 1L), Query("PRAGMA journal_mode", "SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public async Task Of_two_stores_on_one_file_racing_for_an_id_exactly_one_wins_each_race()
    {
        await using var other = SqliteStore.Open(DatabasePath);
        for (var round = 0; round < 10; round++)
        {
            var id = $"race-{round}";
            using var start = new Barrier(2);
            var writers = new IEventJournal[] { _store!, other }.Select(store => Task.Run(async () =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(10));
                try
                {
                    await store.WriteAsync([new AtomicWrite(id, [new JournalEvent(id, 1, "t", [1], DateTime.UtcNow, [])])]);
                    return true;
                }
                catch (JournalConflictException)
                {
                    return false;
                }
            })).ToArray();

            var won = await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(1, won.Count(w => w));
            Assert.Equal(1, await other.HighestSequenceNrAsync(id));
        }
    }

    private (string Mode, long Versions) Query(string modeSql, string versionsSql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var mode = connection.CreateCommand();
        mode.CommandText = modeSql;
        using var versions = connection.CreateCommand();
        versions.CommandText = versionsSql;
        return ((string)mode.ExecuteScalar()!, (long)versions.ExecuteScalar()!);
    }
}
