using System.Security.Cryptography.X509Certificates;
using Akka.Configuration;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Remote.Hosting;
using P2C2R.Coordinator.Balancing;
using P2C2R.Coordinator.Persistence;

namespace P2C2R.Coordinator.Hosting;

/// <summary>
/// Composes the coordinator into an Akka.Hosting actor system: our serializer, the SQL journal
/// and snapshot store on <c>p2c2r.persistence</c>, Akka.Cluster with the coordinator role, and the
/// actors of <see cref="CoordinatorActors"/> (ledger singleton, this node's registry, validator,
/// scheduler and helper balancer, the gamer and session shard regions). One node on SQLite is a
/// cluster of one; several nodes share PostgreSQL.
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
