using Microsoft.Data.Sqlite;

namespace P2C2R.Persistence.Sqlite;

/// <summary>
/// The store's tables, created and migrated on open. Each migration runs once, in order, inside
/// the transaction that records its version, so a crash mid-migration leaves the previous version.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE events (
            ordering INTEGER PRIMARY KEY AUTOINCREMENT,
            persistence_id TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            type_id TEXT NOT NULL,
            payload BLOB NOT NULL,
            timestamp_us INTEGER NOT NULL,
            tags TEXT NOT NULL,
            UNIQUE (persistence_id, sequence_nr));
        CREATE TABLE journal_highest (
            persistence_id TEXT PRIMARY KEY,
            sequence_nr INTEGER NOT NULL);
        CREATE TABLE snapshots (
            persistence_id TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            timestamp_us INTEGER NOT NULL,
            payload BLOB NOT NULL,
            PRIMARY KEY (persistence_id, sequence_nr));
        """,
    ];

    public static int Version => Migrations.Length;

    public static void Migrate(SqliteConnection connection)
    {
        Execute(connection, null, "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);");
        using var transaction = connection.BeginTransaction();
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        var current = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (current > Migrations.Length)
        {
            throw new InvalidOperationException($"the database has schema version {current}; this build knows up to {Migrations.Length}");
        }

        for (var version = current + 1; version <= Migrations.Length; version++)
        {
            Execute(connection, transaction, Migrations[version - 1]);
            Execute(connection, transaction, $"INSERT INTO schema_version (version) VALUES ({version})");
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
