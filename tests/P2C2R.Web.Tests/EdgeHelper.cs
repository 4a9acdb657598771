using System.Net;
using System.Security.Cryptography;
using Akka.Configuration;
using P2C2R.Edge.Client;
using P2C2R.PeerNode.Helping;
using P2C2R.Protocol.Contracts;
using P2C2R.Tasks;

namespace P2C2R.Web.Tests;

/// <summary>
/// A helper as on a machine of its own: the PeerNode's <see cref="HelperActor"/> over a real edge
/// client, in an actor system of its own, with a key of its own (an account) and dialing from a
/// loopback address of its own (a host of its own, when the node counts hosts by /32). Only the
/// sandbox is replaced by an in-process runner, so the test needs no worker processes.
/// </summary>
internal sealed class EdgeHelper : IAsyncDisposable
{
    private static readonly Config SystemConfig = ConfigurationFactory.ParseString(
        "akka { loglevel = WARNING, stdout-loglevel = WARNING, log-dead-letters = off, log-dead-letters-during-shutdown = off }");

    private readonly ActorSystem _system;

    private EdgeHelper(ActorSystem system) => _system = system;

    public static EdgeHelper Start(CoordinatorAddress coordinator, string name, IPAddress address)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var capabilities = new HelperCapabilities(name, 2, 1L << 30, [.. TaskExecutors.All.Select(e => e.Type.Id)], 5, 2);
        var client = new EdgeClientSettings([coordinator], EdgeRole.Helper, name, key)
        {
            LocalAddress = address,
            BackoffMax = TimeSpan.FromSeconds(1),
        };
        var system = ActorSystem.Create(name, SystemConfig);
        system.RegisterOnTermination(key.Dispose);
        system.ActorOf(HelperActor.Props(new HelperOptions(capabilities), new InProcessRunner(), handler => EdgeClientActor.Props(client, handler)), "helper");
        return new EdgeHelper(system);
    }

    public async ValueTask DisposeAsync() => await _system.Terminate();
}
