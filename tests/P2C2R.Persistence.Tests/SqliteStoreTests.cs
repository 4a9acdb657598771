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

    protected override Task<IEventJournal> OpenSecondStoreAsync() => Task.FromResult<IEventJournal>(SqliteStore.Open(DatabasePath));

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

    [SkippableFact]
    public async Task Reopening_keeps_the_events_and_does_not_migrate_twice()
    {
        await _store!.WriteAsync([new AtomicWrite("reopen", [new JournalEvent("reopen", 1, "t", [1], DateTime.UtcNow, [])])]);
        await _store.DisposeAsync();

        _store = SqliteStore.Open(DatabasePath);

        Assert.Equal(1, await _store.HighestSequenceNrAsync("reopen"));
        Assert.Equal(("wal", 1L), Query("PRAGMA journal_mode", "SELECT COUNT(*) FROM schema_version"));
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
