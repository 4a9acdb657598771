using P2C2R.Coordinator;
using P2C2R.Coordinator.Persistence;
using P2C2R.Persistence;
using P2C2R.Persistence.Sqlite;
using P2C2R.PeerNode.Helping;
using P2C2R.Protocol;
using P2C2R.Remote;
using P2C2R.Remote.Serialization;
using P2C2R.Tasks;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// A coordinator, helpers and a gamer as separate actor systems in this process, talking over
/// loopback TCP exactly as separate machines would; only the helpers' sandbox is replaced by an
/// in-process runner so a hundred helpers fit in one test. The coordinator journals to its own
/// SQLite file, deleted when its system terminates.
/// </summary>
public sealed class SimulatedCluster
{
    private const string Remoting = """
        p2c2r.remote {
          heartbeat-interval = 200ms
          failure-detector { acceptable-heartbeat-pause = 3s, threshold = 8, first-heartbeat-estimate = 200ms, min-std-deviation = 100ms }
          reconnect { min-backoff = 50ms, max-backoff = 500ms }
        }
        """;

    private static readonly MessageRegistry Registry = MessageRegistry.Create(new ProtocolMessages());
    private readonly TestKit.TestKit _kit;
    private readonly RemoteTransport _coordinator;
    private readonly List<ActorSystem> _helpers = [];
    private int _gamers;

    public SimulatedCluster(TestKit.TestKit kit, CoordinatorSettings settings)
    {
        _kit = kit;
        var system = kit.CreateSystem("coordinator", Remoting);
        _coordinator = RemoteTransport.Start(system, Registry);
        var folder = Directory.CreateTempSubdirectory("p2c2r-cluster-").FullName;
        var store = SqliteStore.Open(Path.Combine(folder, "journal.db"));
        PersistenceExtension.Start(system, store, store, StorageSettings.Serializer);
        system.WhenTerminated.ContinueWith(async _ =>
        {
            await store.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }, TaskScheduler.Default);
        Coordinator = system;
        system.ActorOf(Props.Create(() => new CoordinatorRoot(settings)), CoordinatorRoot.Name);
    }

    public ActorSystem Coordinator { get; }

    public IReadOnlyList<ActorSystem> Helpers => _helpers;

    public string RegistryPath => _coordinator.Address + "/user/coordinator/registry";

    public ActorSystem AddHelper(string name, string account, ITaskRunner? runner = null, int concurrency = 2)
    {
        var system = _kit.CreateSystem(name, Remoting + "\np2c2r.remote.listen = off\np2c2r.remote.role = peer");
        RemoteTransport.Start(system, Registry);
        var caps = new HelperCapabilities(name, account, 2, 1L << 30, [.. TaskExecutors.All.Select(e => e.Type.Id)], 5, concurrency);
        system.ActorOf(Props.Create(() => new HelperActor(RegistryPath, caps, runner ?? new InProcessRunner())), "helper");
        _helpers.Add(system);
        return system;
    }

    /// <summary>Kills a helper's system as a crash would: its connections close with no goodbye, then it stops.</summary>
    public async Task CrashAsync(ActorSystem helper)
    {
        RemoteTransport.Get(helper).Abort();
        await helper.Terminate();
    }

    /// <summary>Starts a session for a collector actor in a gamer system and returns the collector.</summary>
    public IActorRef StartSession(int ticksPerSecond)
    {
        var gamer = _kit.CreateSystem($"gamer-{++_gamers}", Remoting + "\np2c2r.remote.listen = off\np2c2r.remote.role = gamer");
        var remote = RemoteTransport.Start(gamer, Registry);
        var collector = gamer.ActorOf(Props.Create(() => new FrameCollector()), "collector");
        remote.ResolveRef(_coordinator.Address + "/user/coordinator/sessions").Tell(new StartSession(collector, "gamer", ticksPerSecond), collector);
        return collector;
    }

    public async Task<CollectorReport> EndSessionAsync(IActorRef collector)
    {
        var report = await collector.Ask<CollectorReport>(new CollectorQuery(), TimeSpan.FromSeconds(5));
        Local("sessions").Tell(new EndSession(report.SessionId!), collector);
        for (var i = 0; i < 150 && report.Final is null; i++)
        {
            await Task.Delay(100);
            report = await collector.Ask<CollectorReport>(new CollectorQuery(), TimeSpan.FromSeconds(5));
        }

        Assert.True(report.Final is not null, $"session {report.SessionId} did not report its end within 15 s of session.end; {report.Updates.Length} frames received");
        return report;
    }

    public IActorRef Local(string child) => _coordinator.ResolveRef(_coordinator.Address + "/user/coordinator/" + child);

    /// <summary>Waits until the registry has accepted <paramref name="count"/> helpers.</summary>
    public async Task WaitForHelpersAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var directory = await Local("registry").Ask<Coordinator.Helpers.HelperDirectory>(new Coordinator.Helpers.SubscribeHelpers(), TimeSpan.FromSeconds(2));
                if (directory.Helpers.Count >= count)
                {
                    return;
                }
            }
            catch (AskTimeoutException)
            {
                // The hierarchy is still starting: ask again.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"fewer than {count} helpers registered within {timeout}");
    }
}
