using System.Security.Cryptography.X509Certificates;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;

namespace P2C2R.Membership;

/// <summary>
/// How any process joins the P2C2R cluster, coordinator or member helper, so both sides run the
/// same remoting, failure detection and split-brain resolver (members that disagree on these
/// would judge each other differently). The resolver keeps the majority of coordinator nodes:
/// helper members never tip a partition's decision, and a side with helpers only downs itself.
/// </summary>
public static class ClusterMembership
{
    /// <summary>
    /// Largest message Akka.Remote carries, and its socket buffers: a task's input or a blob for a
    /// member helper, like a frame between coordinator nodes, is far above Akka's 128 kB default
    /// (which drops larger messages); 4 MiB is the edge's own frame limit.
    /// </summary>
    public const long MaxMessageBytes = 4 << 20;

    /// <summary>
    /// How fast the cluster gives up on a member that stopped answering, so a lost coordinator's
    /// sessions restart on the survivors and a lost helper's tasks go elsewhere within seconds
    /// (Akka's defaults take over 20 s): members beat twice a second, one silent for 2 s past a
    /// beat is unreachable, the split-brain resolver downs it once membership has been stable for
    /// 1 s more (a member whose process is gone was downed long before, by
    /// <see cref="CrashedMemberDowning"/>), the leader gossips and acts twice a second so it is
    /// removed soon after (Akka removes a downed member once it is also unreachable), and
    /// shard coordinators and singletons move 0.5 s after the removal; shard regions ask for the
    /// new homes of their shards every second. A node started again on its address before the
    /// cluster removed its previous incarnation is turned away until that removal, and asks again
    /// every 2 s instead of Akka's 10.
    /// <para>
    /// The cluster's own actors (heartbeats, gossip, the resolver) run on two threads of their
    /// own: on the thread pool, a busy node's heartbeats queued behind its sessions' work, and a
    /// 1.5 s silence then downed healthy nodes starting up on a loaded two-core machine.
    /// </para>
    /// <para>
    /// The removal margin is how long a partitioned-away minority has to down itself before its
    /// sessions start elsewhere; Akka's default, the resolver's <c>stable-after</c>, only waits on
    /// a node that is gone (a crash, not a partition) here. Both sides decide after the same
    /// <c>stable-after</c>, and a session's journal refuses a second writer of the same sequence
    /// number, so a shorter margin cannot fork a session's history.
    /// </para>
    /// </summary>
    public static Config Timings { get; } = ConfigurationFactory.ParseString("""
        akka.cluster {
          failure-detector.heartbeat-interval = 500ms
          failure-detector.acceptable-heartbeat-pause = 2s
          split-brain-resolver.stable-after = 1s
          down-removal-margin = 500ms
          gossip-interval = 500ms
          leader-actions-interval = 500ms
          unreachable-nodes-reaper-interval = 500ms
          sharding.retry-interval = 1s
          retry-unsuccessful-join-after = 2s
          use-dispatcher = akka.actor.p2c2r-cluster-dispatcher
        }
        akka.actor.p2c2r-cluster-dispatcher {
          type = ForkJoinDispatcher
          throughput = 100
          dedicated-thread-pool {
            thread-count = 2
            threadtype = background
          }
        }
        """);

    /// <summary>
    /// Akka.Remote on <paramref name="node"/>'s address (TLS with mutual authentication when it
    /// names a certificate) and Akka.Cluster with <paramref name="role"/>, <see cref="Timings"/> and
    /// keep-majority over coordinators; coordinators also down a member whose process is provably gone
    /// (<see cref="CrashedMemberDowning"/>). A coordinator given no seeds joins itself (a cluster of one).
    /// </summary>
    public static AkkaConfigurationBuilder WithP2C2RCluster(this AkkaConfigurationBuilder builder, ClusterNodeSettings node, string role)
    {
        var remote = new RemoteOptions
        {
            HostName = node.Hostname,
            Port = node.Port,
            PublicHostName = node.PublicHostname,
            MaxFrameSize = MaxMessageBytes,
            SendBufferSize = MaxMessageBytes,
            ReceiveBufferSize = MaxMessageBytes,
        };
        if (node.TlsCertificate is { } certificate)
        {
            remote.EnableSsl = true;
            remote.Ssl = new SslOptions
            {
                X509Certificate = X509CertificateLoader.LoadPkcs12FromFile(certificate, node.TlsPassword),
                RequireMutualAuthentication = true,
            };
        }

        builder
            .AddHocon(Timings, HoconAddMode.Prepend)
            .WithRemoting(remote)
            .WithClustering(new ClusterOptions
            {
                Roles = [role],
                SeedNodes = [.. node.SeedNodes],
                SplitBrainResolver = new KeepMajorityOption { Role = ClusterNames.CoordinatorRole },
            });
        if (role == ClusterNames.CoordinatorRole)
        {
            builder.WithActors((system, _) => system.ActorOf(CrashedMemberDowning.Props(), "crashed-member-downing"));
        }

        if (node.SeedNodes.Count == 0 && role == ClusterNames.CoordinatorRole)
        {
            builder.WithActors((system, _) => Akka.Cluster.Cluster.Get(system).Join(Akka.Cluster.Cluster.Get(system).SelfAddress));
        }

        return builder;
    }
}
