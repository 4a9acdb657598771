using P2C2R.Actors;
using P2C2R.Coordinator;
using P2C2R.Coordinator.Persistence;
using P2C2R.Hocon;
using P2C2R.PeerNode.Helping;
using P2C2R.Persistence;
using P2C2R.Persistence.Sqlite;
using P2C2R.Protocol;
using P2C2R.Remote;
using P2C2R.Remote.Serialization;

namespace P2C2R.Benchmarks;

/// <summary>
/// A coordinator (journalling to a temporary SQLite file) and in-process helpers, each its own
/// actor system talking over loopback TCP as separate machines would; gamers join as systems
/// of role gamer. Everything is terminated and the journal deleted on dispose.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private static readonly MessageRegistry Registry = MessageRegistry.Create(new ProtocolMessages());
    private readonly List<ActorSystem> _systems = [];
    private readonly List<ActorSystem> _helpers = [];
    private readonly string _folder = Directory.CreateTempSubdirectory("p2c2r-bench-").FullName;
    private SqliteStore _store = null!;
    private RemoteTransport _remote = null!;

    public ActorSystem Coordinator { get; private set; } = null!;

    public IActorRef Scheduler { get; private set; } = null!;

    public IReadOnlyList<ActorSystem> Helpers => _helpers;

    public static async Task<BenchCluster> StartAsync(int helpers, CoordinatorSettings settings, Func<string, HelperCapabilities> capabilities)
    {
        var cluster = new BenchCluster();
        cluster.Coordinator = ActorSystem.Create("coordinator", Config.Parse("p2c2r.remote { hostname = 127.0.0.1, port = 0 }"));
        cluster._systems.Add(cluster.Coordinator);
        cluster._remote = RemoteTransport.Start(cluster.Coordinator, Registry);
        cluster._store = SqliteStore.Open(Path.Combine(cluster._folder, "journal.db"));
        PersistenceExtension.Start(cluster.Coordinator, cluster._store, cluster._store, StorageSettings.Serializer);
        cluster.Coordinator.ActorOf(Props.Create(() => new CoordinatorRoot(settings)), CoordinatorRoot.Name);
        for (var i = 0; i < helpers; i++)
        {
            cluster.AddHelper($"helper-{i}", capabilities);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        cluster.Scheduler = cluster.Child("scheduler");
        return cluster;
    }

    /// <summary>A ref to a child of the coordinator's root, resolved as a remote system would.</summary>
    public IActorRef Child(string child) => _remote.ResolveRef(_remote.Address + "/user/coordinator/" + child);

    public ActorSystem AddHelper(string name, Func<string, HelperCapabilities> capabilities)
    {
        var helper = ActorSystem.Create(name, Config.Parse("p2c2r.remote { hostname = 127.0.0.1, listen = off, role = peer }"));
        RemoteTransport.Start(helper, Registry);
        var caps = capabilities(name);
        var registryPath = _remote.Address + "/user/coordinator/registry";
        helper.ActorOf(Props.Create(() => new HelperActor(registryPath, caps, new InProcessRunner())), "helper");
        _systems.Add(helper);
        _helpers.Add(helper);
        return helper;
    }

    /// <summary>A gamer's actor system and its remote ref to the session manager.</summary>
    public (ActorSystem System, IActorRef Sessions) AddGamer(string name)
    {
        var gamer = ActorSystem.Create(name, Config.Parse("p2c2r.remote { hostname = 127.0.0.1, listen = off, role = gamer }"));
        var remote = RemoteTransport.Start(gamer, Registry);
        _systems.Add(gamer);
        return (gamer, remote.ResolveRef(_remote.Address + "/user/coordinator/sessions"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var system in _systems.AsEnumerable().Reverse())
        {
            await system.Terminate();
        }

        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
