using Microsoft.Extensions.Hosting;
using P2C2R.Actors;
using P2C2R.Hocon;
using P2C2R.Hosting;

namespace P2C2R.Coordinator.Hosting;

/// <summary>Starts the coordinator's actor hierarchy once the node's actor system is up.</summary>
public sealed class CoordinatorService(ActorSystemService node, Config config) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        node.System.ActorOf(Props.Create(() => new CoordinatorRoot(CoordinatorSettings.From(config))), CoordinatorRoot.Name);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
