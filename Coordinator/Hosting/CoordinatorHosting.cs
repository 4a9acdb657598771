using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Configuration;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Remote.Hosting;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Persistence;

namespace P2C2R.Coordinator.Hosting;

/// <summary>
/// Composes the coordinator into an Akka.Hosting actor system: our serializer, the SQL journal
/// and snapshot store on <c>p2c2r.persistence</c>, the shard region of helpers' standings
/// (<see cref="HelperStanding"/>, in the registry under that type), and the <see cref="CoordinatorRoot"/>,
/// which recovers sessions and ledger from the journal as it starts. The root is in the
/// <see cref="ActorRegistry"/> under <see cref="CoordinatorRoot"/>; ask it
/// <see cref="GetEdgeTargets"/> for the actors the edge talks to. Single node for now: nothing
/// here assumes it (several nodes share PostgreSQL).
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
            .WithHelperStandings()
            .WithActors((system, registry) =>
            {
                var standings = registry.Get<HelperStanding>();
                registry.Register<CoordinatorRoot>(system.ActorOf(Props.Create(() => new CoordinatorRoot(settings, standings)), CoordinatorRoot.Name));
            });
    }

    /// <summary>
    /// Helpers' standings, one <see cref="HelperStanding"/> entity per helper key on the coordinator
    /// nodes. Not remembered: an entity starts when a registry reads or writes it, from the journal.
    /// </summary>
    public static AkkaConfigurationBuilder WithHelperStandings(this AkkaConfigurationBuilder builder) =>
        builder.WithShardRegion<HelperStanding>(
            HelperStandingShards.TypeName,
            (_, _, _) => HelperStandingShards.Props,
            new HelperStandingShards(),
            new ShardOptions { Role = CoordinatorClusterSettings.Role, RememberEntities = false, StateStoreMode = StateStoreMode.DData });

    /// <summary>
    /// Akka.Remote on its own port and Akka.Cluster with the coordinator role and Akka's split-brain
    /// resolver (keep-majority). A node given no seeds joins itself and is a cluster of one.
    /// </summary>
    public static AkkaConfigurationBuilder WithCoordinatorCluster(this AkkaConfigurationBuilder builder, CoordinatorClusterSettings cluster)
    {
        var remote = new RemoteOptions
        {
            HostName = cluster.Hostname,
            Port = cluster.Port,
            PublicHostName = cluster.PublicHostname,
        };
        if (cluster.TlsCertificate is { } certificate)
        {
            remote.EnableSsl = true;
            remote.Ssl = new SslOptions
            {
                X509Certificate = X509CertificateLoader.LoadPkcs12FromFile(certificate, cluster.TlsPassword),
                RequireMutualAuthentication = true,
            };
        }

        builder
            .WithRemoting(remote)
            .WithClustering(new ClusterOptions
            {
                Roles = [CoordinatorClusterSettings.Role],
                SeedNodes = [.. cluster.SeedNodes],
                SplitBrainResolver = SplitBrainResolverOption.Default,
            });
        if (cluster.SeedNodes.Count == 0)
        {
            builder.WithActors((system, _) => Akka.Cluster.Cluster.Get(system).Join(Akka.Cluster.Cluster.Get(system).SelfAddress));
        }

        return builder;
    }
}
