using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using P2C2R.Actors;
using P2C2R.Hocon;
using P2C2R.Remote;
using P2C2R.Remote.Cluster;
using P2C2R.Remote.Serialization;

namespace P2C2R.Hosting;

/// <summary>
/// Owns a node's <see cref="ActorSystem"/> for the lifetime of the host: created on start (with
/// remoting and cluster membership when <c>p2c2r.remote.enabled</c>), and on stop (Ctrl+C,
/// SIGTERM) taken down through its coordinated shutdown, which leaves the cluster first.
/// </summary>
public sealed class ActorSystemService(string systemName, Config config, ILoggerFactory loggerFactory, IEnumerable<IMessageCatalog> catalogs) : IHostedService
{
    private ActorSystem? _system;

    public ActorSystem System => _system ?? throw new InvalidOperationException("the actor system has not started");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var name = config.GetString("p2c2r.node.name", systemName);
        _system = ActorSystem.Create(name, config, loggerFactory);
        var log = loggerFactory.CreateLogger<ActorSystemService>();
        log.LogInformation("Actor system {System} started (uid {Uid}, throughput {Throughput})", _system.Name, _system.Uid, _system.Settings.Throughput);
        if (config.GetBoolean("p2c2r.remote.enabled", false))
        {
            var remote = RemoteTransport.Start(_system, MessageRegistry.Create([.. catalogs]));
            var cluster = ClusterNode.Start(_system);
            log.LogInformation("{System} is {Address}, {Role}", name, remote.Address, cluster.IsLeader ? "leading the cluster" : "joining " + string.Join(", ", cluster.Settings.SeedNodes));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        _system is null ? Task.CompletedTask : _system.CoordinatedShutdown.Run("host is stopping").WaitAsync(cancellationToken);
}
