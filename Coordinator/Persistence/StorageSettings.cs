using P2C2R.Hocon;
using P2C2R.Persistence;
using P2C2R.Persistence.Postgres;
using P2C2R.Persistence.Sqlite;
using P2C2R.Remote.Serialization;

namespace P2C2R.Coordinator.Persistence;

/// <summary>
/// Where the coordinator journals (<c>p2c2r.persistence</c>): the embedded SQLite file
/// <c>journal.db</c> in <see cref="DataDirectory"/> by default, or a PostgreSQL database that
/// several coordinators may share.
/// </summary>
public sealed record StorageSettings(string Store, string DataDirectory, string PostgresConnectionString)
{
    public static StorageSettings From(Config config)
    {
        var c = config.GetConfig("p2c2r.persistence");
        return new StorageSettings(c.GetString("store"), c.GetString("data-dir"), c.GetString("postgres.connection-string"));
    }

    /// <summary>The serializer for every event and snapshot the coordinator journals.</summary>
    public static IEventSerializer Serializer { get; } = new RegistryEventSerializer(MessageRegistry.Create(new CoordinatorEvents()));

    public async Task<IJournalStore> OpenAsync(CancellationToken cancellation = default) => Store switch
    {
        "sqlite" => SqliteStore.Open(Path.Combine(DataDirectory, "journal.db")),
        "postgres" when PostgresConnectionString.Length > 0 => await PostgresStore.OpenAsync(PostgresConnectionString, cancellation).ConfigureAwait(false),
        "postgres" => throw new InvalidOperationException("p2c2r.persistence.store = postgres needs p2c2r.persistence.postgres.connection-string"),
        _ => throw new InvalidOperationException($"p2c2r.persistence.store is '{Store}'; it must be sqlite or postgres"),
    };
}
