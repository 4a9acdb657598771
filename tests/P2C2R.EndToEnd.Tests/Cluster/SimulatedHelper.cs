using System.Net;
using System.Security.Cryptography;
using Akka.Configuration;
using P2C2R.Edge.Client;
using P2C2R.PeerNode.Helping;
using P2C2R.Protocol.Contracts;
using P2C2R.Protocol.Identity;
using P2C2R.Tasks;

namespace P2C2R.EndToEnd.Tests.Cluster;

/// <summary>
/// One helper as its own actor system, as on its own machine: the PeerNode's <see cref="HelperActor"/>
/// over a real edge client, with a key of its own (so an account of its own) and a loopback address
/// of its own (so a host of its own for replica placement). Only the sandbox is replaced, by an
/// in-process <see cref="ITaskRunner"/>, so that a hundred helpers fit in one test process.
/// </summary>
public sealed class SimulatedHelper
{
    private static readonly Config SystemConfig = ConfigurationFactory.ParseString("""
        akka {
          loglevel = WARNING
          stdout-loglevel = WARNING
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
        }
        """);

    private SimulatedHelper(ActorSystem system, IActorRef actor, string account)
    {
        System = system;
        Actor = actor;
        Account = account;
    }

    public ActorSystem System { get; }

    /// <summary>The <see cref="HelperActor"/> (<c>/user/helper</c>).</summary>
    public IActorRef Actor { get; }

    /// <summary>The account its key proves.</summary>
    public string Account { get; }

    public static SimulatedHelper Start(CoordinatorAddress coordinator, string name, IPAddress address, ITaskRunner runner, int concurrency)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var account = EdgeIdentityProof.AccountOf(key.ExportSubjectPublicKeyInfo());
        var capabilities = new HelperCapabilities(name, 2, 1L << 30, [.. TaskExecutors.All.Select(e => e.Type.Id)], 5, concurrency);
        var client = new EdgeClientSettings([coordinator], EdgeRole.Helper, name, key)
        {
            LocalAddress = address,
            BackoffMax = TimeSpan.FromSeconds(1),
        };
        var system = ActorSystem.Create(name, SystemConfig);
        system.RegisterOnTermination(key.Dispose);
        var actor = system.ActorOf(HelperActor.Props(new HelperOptions(capabilities), runner, handler => EdgeClientActor.Props(client, handler)), "helper");
        return new SimulatedHelper(system, actor, account);
    }

    /// <summary>
    /// The helper goes away without draining: its actor system stops at once, so its connection
    /// closes while it still holds tasks whose results never come. (The stopping client still says
    /// Goodbye; a socket cut with none, as by SIGKILL, is <see cref="KilledHelperProcessTests"/>.)
    /// </summary>
    public Task CrashAsync() => System.Terminate();
}
