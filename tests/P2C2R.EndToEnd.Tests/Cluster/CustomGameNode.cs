using Akka.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using P2C2R.Coordinator;
using P2C2R.Coordinator.Edge;
using P2C2R.Coordinator.Hosting;
using P2C2R.Coordinator.Persistence;
using P2C2R.Coordinator.Web;
using P2C2R.Edge.Server;
using P2C2R.Hosting;

namespace P2C2R.EndToEnd.Tests.Cluster;

/// <summary>
/// A coordinator node hosting a game the coordinator has never heard of. The product's
/// composition (<see cref="CoordinatorNode.Compose"/>, <see cref="CoordinatorHosting.WithCoordinator"/>)
/// reads its settings, game included, from HOCON, where only built-in games can be named; so this
/// composes the same public pieces (the coordinator's Akka settings, its cluster of one and actors,
/// the edge on Kestrel, the HTTP endpoints) around settings given in code. Everything a session does is the product's own.
/// </summary>
internal static class CustomGameNode
{
    public static void Compose(NodeHostBuilder node, CoordinatorSettings settings)
    {
        var web = node.Web ?? throw new InvalidOperationException("a coordinator runs in a web host");
        var edge = EdgeOptionsReader.From(node.Config);
        var storage = StorageSettings.From(node.Config);
        node.WithAkka((akka, _) => akka
            .AddHocon(CoordinatorConfig.Akka(storage), HoconAddMode.Prepend)
            .WithCoordinatorCluster(CoordinatorClusterSettings.From(node.Config))
            .WithCoordinatorActors(settings)
            .WithActors((system, _) => EdgeDraining.OnShutdown(system)));
        node.Services.AddSingleton<EdgeTargetsProvider>();
        node.Services.AddHostedService(services => services.GetRequiredService<EdgeTargetsProvider>());
        node.Services.AddSingleton<IEdgeEndpoint, CoordinatorEdge>();
        node.Services.AddEdgeServer(edge);
        web.WebHost.ConfigureKestrel(kestrel => kestrel.ListenEdge(edge));
        node.AddCoordinatorWeb();
    }
}
