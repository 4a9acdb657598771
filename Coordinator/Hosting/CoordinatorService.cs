using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using P2C2R.Actors;
using P2C2R.Coordinator.Persistence;
using P2C2R.Hocon;
using P2C2R.Hosting;
using P2C2R.Persistence;

namespace P2C2R.Coordinator.Hosting;

/// <summary>
/// Opens the journal, then starts the coordinator's actor hierarchy on the node's actor system,
/// which recovers its sessions, ledger and reputations from it. The store is closed after the
/// actor system has terminated, so the last writes of a clean shutdown land.
/// </summary>
public sealed class CoordinatorService(ActorSystemService node, Config config, ILogger<CoordinatorService> log) : IHostedService
{
    private IJournalStore? _store;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var storage = StorageSettings.From(config);
        _store = await storage.OpenAsync(cancellationToken);
        log.LogInformation("Journal: {Store}{Where}", storage.Store, storage.Store == "sqlite" ? " in " + Path.GetFullPath(storage.DataDirectory) : "");
        PersistenceExtension.Start(node.System, _store, _store, StorageSettings.Serializer);
        node.System.ActorOf(Props.Create(() => new CoordinatorRoot(CoordinatorSettings.From(config))), CoordinatorRoot.Name);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_store is not null)
        {
            await node.System.CoordinatedShutdown.Run("host is stopping").WaitAsync(cancellationToken);
            await _store.DisposeAsync();
        }
    }
}
