using System.Security.Cryptography;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using P2C2R.Hosting;
using P2C2R.Membership;
using P2C2R.PeerNode.Helping;
using P2C2R.PeerNode.Membership;
using P2C2R.PeerNode.Startup;
using P2C2R.Protocol.Contracts;
using P2C2R.Protocol.Identity;
using P2C2R.Tasks;

namespace P2C2R.EndToEnd.Tests.Cluster;

/// <summary>
/// An operator-owned helper that joins the coordinators' cluster, composed as <c>PeerNode
/// --join-cluster</c> composes it (its settings read from the peer's defaults and the options'
/// paths, the member cluster of <see cref="MemberHelperHosting"/>, the link of
/// <see cref="HelperStartup.ClientFor"/>) in a host and actor system of its own, with a key of its
/// own. Only the sandbox is replaced, by an in-process runner.
/// </summary>
public sealed class MemberHelper : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private readonly IHost _host;
    private bool _stopped;

    private MemberHelper(IHost host, string account)
    {
        _host = host;
        Account = account;
        System = host.Services.GetRequiredService<ActorSystem>();
    }

    public ActorSystem System { get; }

    /// <summary>The account its key proves.</summary>
    public string Account { get; }

    /// <param name="seeds">The coordinators' cluster, as <c>--join-cluster</c> takes it.</param>
    /// <param name="name">The helper's name.</param>
    public static async Task<MemberHelper> StartAsync(string seeds, string name)
    {
        var config = NodeConfiguration.ForTests("peer", typeof(HelperActor).Assembly, new Dictionary<string, string>
        {
            [NodeConfiguration.NodeNamePath] = ClusterNames.SystemName,
            ["p2c2r.peer.name"] = name,
            ["p2c2r.peer.cluster.seed-nodes"] = seeds,
            ["p2c2r.peer.cluster.hostname"] = "127.0.0.1",
            ["p2c2r.peer.concurrency"] = "2",
        });
        var settings = PeerSettings.From(config);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var capabilities = new HelperCapabilities(name, 2, 1L << 30, [.. TaskExecutors.All.Select(e => e.Type.Id)], 5, settings.Concurrency);
        var host = NodeHostBuilder.Build("peer", config, node =>
        {
            node.Logging.SetMinimumLevel(LogLevel.Warning);
            node.WithAkka((akka, _) => akka
                .WithMemberHelperCluster(settings.Cluster!)
                .WithActors((system, _) =>
                {
                    system.RegisterOnTermination(key.Dispose);
                    system.ActorOf(HelperActor.Props(new HelperOptions(capabilities), new InProcessRunner(), HelperStartup.ClientFor(settings, key)), "helper");
                }));
        });
        try
        {
            await host.StartAsync().WaitAsync(StartTimeout);
            return new MemberHelper(host, EdgeIdentityProof.AccountOf(key.ExportSubjectPublicKeyInfo()));
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Stops the helper's host, and with it its actor system: it leaves the cluster.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync().WaitAsync(StopTimeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _host.Dispose();
        }
    }
}
