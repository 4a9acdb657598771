using Akka.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using P2C2R.Coordinator.Edge;
using P2C2R.Coordinator.Web;
using P2C2R.Edge.Server;
using P2C2R.Hosting;

namespace P2C2R.Coordinator.Hosting;

/// <summary>
/// Everything one coordinator node runs, in one place: its actor system with the domain
/// (<see cref="CoordinatorHosting.WithCoordinator"/>), the edge on Kestrel, whose connections
/// become actors talking to that domain, and the HTTP endpoints (<see cref="CoordinatorWeb"/>). The executable and the in-process tests compose a node
/// the same way, so what is tested is what runs.
/// </summary>
public static class CoordinatorNode
{
    public const string Name = "coordinator";

    /// <summary>The command-line options of a coordinator, each with the environment variable that sets it.</summary>
    public static ConfigOption[] Options { get; } =
    [
        ConfigOption.Create("--port", "TCP port of the edge, where helpers and gamers connect", "p2c2r.coordinator.port", "P2C2R_COORDINATOR_PORT"),
        ConfigOption.Create("--bind-address", "Address the edge listens on (0.0.0.0: every interface)", "p2c2r.coordinator.bind-address", "P2C2R_BIND_ADDRESS"),
        ConfigOption.Create("--store", "Journal store: sqlite (one node, the default) or postgres (several nodes)", "p2c2r.persistence.store", "P2C2R_STORE"),
        ConfigOption.Create("--data-dir", "Directory of the SQLite journal", "p2c2r.persistence.data-dir", "P2C2R_DATA_DIR"),
        ConfigOption.Create("--postgres", "PostgreSQL connection string when --store postgres", "p2c2r.persistence.postgres.connection-string", "P2C2R_POSTGRES"),
        ConfigOption.Create("--admission-token", "Shared secret every Hello must carry, if set", "p2c2r.coordinator.edge.admission-token", "P2C2R_ADMISSION_TOKEN"),
        ConfigOption.Create("--public-address", "host:port helpers on other machines dial to reach this node's edge (default: cluster hostname and --port)", "p2c2r.coordinator.edge.public-address", "P2C2R_PUBLIC_ADDRESS"),
        ConfigOption.Create("--tls-certificate", "PKCS#12 file: when set the edge speaks TLS", "p2c2r.coordinator.edge.tls.certificate", "P2C2R_TLS_CERTIFICATE"),
        ConfigOption.Create("--cluster-hostname", "Address Akka.Remote binds for the other coordinator nodes (a private network)", "p2c2r.coordinator.cluster.hostname", "P2C2R_CLUSTER_HOSTNAME"),
        ConfigOption.Create("--cluster-port", "Akka.Remote port for the other coordinator nodes (0: any free port)", "p2c2r.coordinator.cluster.port", "P2C2R_CLUSTER_PORT"),
        ConfigOption.Create("--seed-nodes", "Comma-separated akka.tcp://coordinator@host:port of nodes to join (none: form the cluster)", "p2c2r.coordinator.cluster.seed-nodes", "P2C2R_SEED_NODES"),
        ConfigOption.Create("--tls-password", "Password of the TLS certificate file", "p2c2r.coordinator.edge.tls.password", "P2C2R_TLS_PASSWORD"),
        ConfigOption.Create("--operator-token", "Secret that opens the operator dashboard (/?token=…); unset: no dashboard", "p2c2r.coordinator.http.operator-token", "P2C2R_OPERATOR_TOKEN"),
        ConfigOption.Create("--http-public-address", "host:port browsers use to reach the HTTP port, written into web-login links (default: the bound address)", "p2c2r.coordinator.http.public-address", "P2C2R_HTTP_PUBLIC_ADDRESS"),
        ConfigOption.Create("--http-port", "TCP port of the HTTP endpoints (health, readiness, metrics) on the edge's bind address (0: any free port)", "p2c2r.coordinator.http.port", "P2C2R_HTTP_PORT"),
    ];

    /// <summary>Composes the node into <paramref name="node"/>, which must be a web host (its Kestrel carries the edge).</summary>
    public static void Compose(NodeHostBuilder node)
    {
        var web = node.Web ?? throw new InvalidOperationException("a coordinator runs in a web host: its edge is on Kestrel");
        var config = node.Config;
        var edge = EdgeOptionsReader.From(config);
        node.WithAkka((akka, _) => akka.WithCoordinator(config).WithActors((system, _) => EdgeDraining.OnShutdown(system)));
        node.Services.AddSingleton<EdgeTargetsProvider>();
        node.Services.AddHostedService(services => services.GetRequiredService<EdgeTargetsProvider>());
        node.Services.AddSingleton<IEdgeEndpoint, CoordinatorEdge>();
        node.Services.AddEdgeServer(edge);
        web.WebHost.ConfigureKestrel(kestrel => kestrel.ListenEdge(edge));
        node.AddCoordinatorWeb();
    }
}
