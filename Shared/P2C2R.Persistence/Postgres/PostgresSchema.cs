using Npgsql;

namespace P2C2R.Persistence.Postgres;

/// <summary>
/// The store's tables on PostgreSQL, created and migrated on open. Migrations run in one
/// transaction under an advisory lock, so coordinators starting together migrate once and a
/// crash mid-migration leaves the previous version.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>Any fixed number, shared by every process that migrates this schema.</summary>
    private const long MigrationLock = 0x5032_4332_5200_0001;

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE events (
            ordering BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            persistence_id TEXT NOT NULL,
            sequence_nr BIGINT NOT NULL,
            type_id TEXT NOT NULL,
            payload BYTEA NOT NULL,
            timestamp_us BIGINT NOT NULL,
            tags TEXT NOT NULL,
            UNIQUE (persistence_id, sequence_nr));
        CREATE TABLE journal_highest (
            persistence_id TEXT PRIMARY KEY,
            sequence_nr BIGINT NOT NULL);
        CREATE TABLE snapshots (
            persistence_id TEXT NOT NULL,
            sequence_nr BIGINT NOT NULL,
            timestamp_us BIGINT NOT NULL,
            payload BYTEA NOT NULL,
            PRIMARY KEY (persistence_id, sequence_nr));
        """,
    ];

    public static async Task MigrateAsync(NpgsqlDataSource source, CancellationToken cancellation)
    {
        await using var connection = await source.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLock}); CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);", cancellation).ConfigureAwait(false);
        await using var read = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection);
        var current = (int)(await read.ExecuteScalarAsync(cancellation).ConfigureAwait(false))!;
        if (current > Migrations.Length)
        {
            throw new InvalidOperationException($"the database has schema version {current}; this build knows up to {Migrations.Length}");
        }

        for (var version = current + 1; version <= Migrations.Length; version++)
        {
            await ExecuteAsync(connection, Migrations[version - 1], cancellation).ConfigureAwait(false);
            await ExecuteAsync(connection, $"INSERT INTO schema_version (version) VALUES ({version})", cancellation).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellation).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
    }
}
