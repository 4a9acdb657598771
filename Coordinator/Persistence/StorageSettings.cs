using Akka.Configuration;
using Microsoft.Data.Sqlite;

namespace P2C2R.Coordinator.Persistence;

/// <summary>
/// Where the coordinator journals (<c>p2c2r.persistence</c>): the embedded SQLite file
/// <c>journal.db</c> in <see cref="DataDirectory"/> by default (one node: SQLite has one writer),
/// or a PostgreSQL database that several coordinators share.
/// </summary>
public sealed record StorageSettings(string Store, string DataDirectory, string PostgresConnectionString)
{
    /// <summary>The SQLite journal's file name in <see cref="DataDirectory"/>.</summary>
    public const string SqliteFileName = "journal.db";

    public static StorageSettings From(Config config)
    {
        var c = config.WithFallback(CoordinatorConfig.Defaults).GetConfig("p2c2r.persistence");
        return new StorageSettings(c.GetString("store"), c.GetString("data-dir"), c.GetString("postgres.connection-string"));
    }

    /// <summary>The embedded store in <paramref name="dataDirectory"/>, as tests and single machines use it.</summary>
    public static StorageSettings Sqlite(string dataDirectory) => new("sqlite", dataDirectory, "");

    /// <summary>The linq2db provider of Akka.Persistence.Sql: Microsoft.Data.Sqlite, or PostgreSQL with its version detected.</summary>
    public string ProviderName => Store switch
    {
        "sqlite" => "SQLite.MS",
        "postgres" => "PostgreSQL",
        _ => throw new InvalidOperationException($"p2c2r.persistence.store is '{Store}'; it must be sqlite or postgres"),
    };

    /// <summary>The connection string; for SQLite this also prepares the file (<see cref="PrepareSqlite"/>).</summary>
    public string OpenConnectionString() => Store switch
    {
        "sqlite" => PrepareSqlite(Path.Combine(Directory.CreateDirectory(DataDirectory).FullName, SqliteFileName)),
        "postgres" when PostgresConnectionString.Length > 0 => PostgresConnectionString,
        "postgres" => throw new InvalidOperationException("p2c2r.persistence.store = postgres needs p2c2r.persistence.postgres.connection-string"),
        _ => throw new InvalidOperationException($"p2c2r.persistence.store is '{Store}'; it must be sqlite or postgres"),
    };

    /// <summary>
    /// Creates the SQLite file in WAL mode, which the file keeps: a commit is then one append and
    /// one sync, and readers (recovery, the read journal) never block the writer. In the default
    /// rollback mode each of the many small commits (a session journals every tick) costs
    /// several syncs.
    /// </summary>
    private static string PrepareSqlite(string path)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode = WAL";
        wal.ExecuteNonQuery();
        return connectionString;
    }
}
