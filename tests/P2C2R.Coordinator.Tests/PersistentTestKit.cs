using P2C2R.Coordinator.Persistence;
using P2C2R.Persistence;
using P2C2R.Persistence.Sqlite;

namespace P2C2R.Coordinator.Tests;

/// <summary>A TestKit whose system journals to its own SQLite file, and can start more systems on the same file, as a restarted coordinator would.</summary>
public abstract class PersistentTestKit : TestKit.TestKit, IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("p2c2r-coordinator-").FullName;

    protected SqliteStore Store { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Store = SqliteStore.Open(Path.Combine(_directory, "journal.db"));
        PersistenceExtension.Start(Sys, Store, Store, StorageSettings.Serializer);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Sys.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        await Store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A second actor system on the same journal: what a coordinator restarted after a crash sees.</summary>
    protected ActorSystem Restarted()
    {
        var system = CreateSystem("restarted-" + Guid.NewGuid().ToString("N")[..6]);
        PersistenceExtension.Start(system, Store, Store, StorageSettings.Serializer);
        return system;
    }
}
