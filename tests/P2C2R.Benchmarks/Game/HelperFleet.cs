using System.Net;
using System.Security.Cryptography;
using Akka.Actor;
using Akka.Configuration;
using P2C2R.Edge.Client;
using P2C2R.PeerNode.Helping;
using P2C2R.Protocol.Contracts;
using P2C2R.Tasks;

namespace P2C2R.Benchmarks.Game;

/// <summary>
/// Helpers for one run of the game harness, in the harness's process (not the coordinator's, so
/// their CPU is not counted): each its own actor system with PeerNode's <see cref="HelperActor"/>
/// and an edge client dialing from its own loopback address (127.0.0.2 and up), with a fresh key
/// (a new account, untrusted at first, as a newcomer is). Tasks run in-process
/// (<see cref="InProcessRunner"/>), without the sandbox's worker processes.
/// </summary>
public sealed class HelperFleet : IAsyncDisposable
{
    private const int Concurrency = 2;
    private readonly List<(ActorSystem System, ECDsa Key)> helpers = [];

    private HelperFleet()
    {
    }

    public static HelperFleet Start(int count, int coordinatorPort, int run)
    {
        var fleet = new HelperFleet();
        for (var i = 0; i < count; i++)
        {
            var name = $"helper-{run}-{i}";
            var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var system = ActorSystem.Create(name, ConfigurationFactory.ParseString("akka { loglevel = WARNING, log-dead-letters = off }"));
            var client = new EdgeClientSettings([new CoordinatorAddress("127.0.0.1", coordinatorPort)], EdgeRole.Helper, name, key)
            {
                LocalAddress = IPAddress.Parse($"127.0.0.{2 + i}"),
            };
            var capabilities = new HelperCapabilities(name, Concurrency, 1L << 30, [.. TaskExecutors.All.Select(e => e.Type.Id)], 5, Concurrency, BlobCacheBytes: HelperOptions.DefaultBlobCacheBytes);
            system.ActorOf(HelperActor.Props(new HelperOptions(capabilities), new InProcessRunner(), handler => EdgeClientActor.Props(client, handler)), "helper");
            fleet.helpers.Add((system, key));
        }

        return fleet;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (system, key) in helpers)
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
            key.Dispose();
        }
    }
}
