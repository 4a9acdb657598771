using Npgsql;
using P2C2R.Persistence.Postgres;

namespace P2C2R.Persistence.Tests;

/// <summary>
/// The conformance suite on PostgreSQL, plus what is PostgreSQL's own: schema versions. Skipped, with the reason,
/// where no server can be started.
/// </summary>
public sealed class PostgresStoreTests(PostgresFixture fixture) : JournalConformance, IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private PostgresStore? _store;

    protected override IEventJournal Journal => Store;

    protected override ISnapshotStore Snapshots => Store;

    private PostgresStore Store
    {
        get
        {
            Skip.If(_store is null, fixture.Unavailable);
            return _store!;
        }
    }

    protected override async Task<IEventJournal> OpenSecondStoreAsync() => await PostgresStore.OpenAsync(fixture.Server!.ConnectionString);

    public async Task InitializeAsync()
    {
        if (fixture.Server is not null)
        {
            _store = await PostgresStore.OpenAsync(fixture.Server.ConnectionString);
        }
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Opening_again_does_not_migrate_twice()
    {
        _ = Store;
        await using (await PostgresStore.OpenAsync(fixture.Server!.ConnectionString))
        {
        }

        await using var connection = new NpgsqlConnection(fixture.Server.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM schema_version", connection);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }
}
