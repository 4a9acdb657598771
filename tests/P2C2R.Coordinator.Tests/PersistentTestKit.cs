using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.TestKit.Xunit2;
using Microsoft.Data.Sqlite;
using P2C2R.Coordinator.Persistence;

namespace P2C2R.Coordinator.Tests;

/// <summary>
/// A TestKit whose systems journal to their own SQLite file in a temporary folder, with the
/// coordinator's own Akka settings (serializer and SQL persistence), and that starts more systems
/// on the same file, as a restarted coordinator would.
/// </summary>
public abstract class PersistentTestKit : TestKit
{
    private readonly string _directory;
    private readonly Config _config;
    private readonly List<ActorSystem> _systems = [];

    protected PersistentTestKit()
        : this(Directory.CreateTempSubdirectory("p2c2r-coordinator-").FullName)
    {
    }

    private PersistentTestKit(string directory)
        : this(directory, ConfigFor(directory))
    {
    }

    private PersistentTestKit(string directory, Config config)
        : base(config)
    {
        _directory = directory;
        _config = config;
    }

    /// <summary>The SQLite file the systems journal to.</summary>
    protected string JournalFile => Path.Combine(_directory, StorageSettings.SqliteFileName);

    /// <summary>The distinct values of <paramref name="column"/> in <paramref name="table"/> for one persistence id, read with plain SQL.</summary>
    protected long[] DistinctValues(string table, string column, string persistenceId)
    {
        using var connection = new SqliteConnection($"Data Source={JournalFile};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT DISTINCT {column} FROM {table} WHERE persistence_id = $id";
        command.Parameters.AddWithValue("$id", persistenceId);
        using var reader = command.ExecuteReader();
        var values = new List<long>();
        while (reader.Read())
        {
            values.Add(reader.GetInt64(0));
        }

        return [.. values];
    }

    /// <summary>A new actor system on the same journal: what a coordinator started again sees.</summary>
    protected ActorSystem StartSystem()
    {
        var system = ActorSystem.Create("node-" + _systems.Count, _config);
        _systems.Add(system);
        return system;
    }

    /// <summary>The helpers' standings of <paramref name="system"/>, as a node's shard region would hold them (<see cref="LocalStandings"/>).</summary>
    protected static IActorRef StartStandings(ActorSystem system) => system.ActorOf(Props.Create<LocalStandings>());

    /// <summary>Stops <paramref name="system"/> the way a host does (coordinated shutdown), so what it wrote is in the file.</summary>
    protected static Task StopAsync(ActorSystem system) => system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Every event journalled under <paramref name="persistenceId"/>, read back through the SQL read journal.</summary>
    protected async Task<IReadOnlyList<object>> JournalledAsync(string persistenceId)
    {
        var events = new List<object>();
        await PersistenceQuery.Get(Sys).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier)
            .CurrentEventsByPersistenceId(persistenceId, 0, long.MaxValue)
            .RunForeach(envelope => events.Add(envelope.Event), Sys)
            .WaitAsync(TimeSpan.FromSeconds(10));
        return events;
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var system in _systems)
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(10));
        }

        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static Config ConfigFor(string directory) =>
        ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            # Only bounds a failure: the first journal access of a process (linq2db warming up, tables
            # created) takes seconds on a loaded 2-core machine.
            akka.test.single-expect-default = 15s
            """).WithFallback(CoordinatorConfig.Akka(StorageSettings.Sqlite(directory)));
}
