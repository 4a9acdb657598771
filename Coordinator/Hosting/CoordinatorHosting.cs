using Akka.Configuration;
using Akka.Hosting;
using P2C2R.Coordinator.Balancing;
using P2C2R.Coordinator.Persistence;
using P2C2R.Membership;

namespace P2C2R.Coordinator.Hosting;

/// <summary>
/// Composes the coordinator into an Akka.Hosting actor system: our serializer, the SQL journal
/// and snapshot store on <c>p2c2r.persistence</c>, Akka.Cluster with the coordinator role, and the
/// actors of <see cref="CoordinatorActors"/> (ledger singleton, this node's registry, validator,
/// scheduler, helper balancer and member-helper gate, the gamer and session shard regions). One
/// node on SQLite is a cluster of one; several nodes share PostgreSQL.
/// </summary>
public static class CoordinatorHosting
{
    public static AkkaConfigurationBuilder WithCoordinator(this AkkaConfigurationBuilder builder, Config config)
    {
        var settings = CoordinatorSettings.From(config);
        var storage = StorageSettings.From(config);
        return builder
            .AddHocon(CoordinatorConfig.Akka(storage), HoconAddMode.Prepend)
            .WithCoordinatorCluster(CoordinatorClusterSettings.From(config))
            .WithCoordinatorActors(settings)
            .WithHelperBalancer(BalanceSettings.From(config));
    }

    /// <summary>
    /// Akka.Remote on its own port and Akka.Cluster with the coordinator role, as every member of
    /// the cluster joins it (<see cref="ClusterMembership.WithP2C2RCluster"/>). A node given no seeds
    /// joins itself and is a cluster of one.
    /// </summary>
    public static AkkaConfigurationBuilder WithCoordinatorCluster(this AkkaConfigurationBuilder builder, ClusterNodeSettings cluster) =>
        builder.WithP2C2RCluster(cluster, ClusterNames.CoordinatorRole);
}
