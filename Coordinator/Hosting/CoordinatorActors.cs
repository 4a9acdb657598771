using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Pattern;
using P2C2R.Coordinator.Balancing;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Ledger;
using P2C2R.Coordinator.Members;
using P2C2R.Coordinator.Scheduling;
using P2C2R.Coordinator.Sessions;
using P2C2R.Coordinator.Validation;
using P2C2R.Membership;

namespace P2C2R.Coordinator.Hosting;

/// <summary>
/// The coordinator's actors on one node, each registered in the <see cref="ActorRegistry"/> under
/// its own type:
/// <list type="bullet">
/// <item><see cref="CreditLedger"/>: one for the whole cluster (a cluster singleton on the
/// coordinator role; the registered ref is its proxy, which buffers while it moves).</item>
/// <item><see cref="HelperStanding"/>: a shard region, one entity per helper, so a helper's
/// trust and quarantine are one truth whichever node it connects to.</item>
/// <item><see cref="PeerRegistry"/>, <see cref="Validator"/>, <see cref="DeadlineScheduler"/>: one
/// per node, for the helpers connected to that node.</item>
/// <item><see cref="MemberHelperGate"/>: one per node at <c>/user/member-helpers</c>, where
/// operator-owned helpers that joined the cluster ask this node's registry for work.</item>
/// <item><see cref="GamerSessions"/> and <see cref="SessionEntity"/>: shard regions, so each gamer
/// account and each session lives on one node of the cluster and moves to another when its node
/// goes. Sessions are remembered (the event-sourced store), so a lost node's sessions start at once
/// on the survivors; a node leaving hands each session off with <see cref="HandOffSession"/>, which
/// lets it cut its journal's lease first.</item>
/// <item><see cref="HelperBalancer"/>: one per node (<see cref="WithHelperBalancer"/>), telling the
/// others its load over distributed pub-sub and moving its helpers to nodes whose sessions need them.</item>
/// </list>
/// Supervision, chosen per actor: the persistent ledger and registry each sit under a back-off
/// supervisor that restarts them when they throw (they recover from the journal) and brings them
/// back when they stop, which is what a persistent actor does when the journal fails: after 0.5 s,
/// doubling to 30 s, once the store answers again; the refs handed out are the supervisors', so they
/// stay valid. The validator and scheduler hold no durable state: the guardian restarts them, the
/// scheduler re-subscribes to the registry, and work it held falls back on the sessions' safety
/// nets. Entities are supervised by their shards and supervise their own children.
/// </summary>
public static class CoordinatorActors
{
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>The singleton proxy's buffer while the ledger moves between nodes: seconds of credits at the highest rate Akka allows.</summary>
    private const int LedgerBuffer = 10_000;

    public static AkkaConfigurationBuilder WithCoordinatorActors(this AkkaConfigurationBuilder builder, CoordinatorSettings settings)
    {
        var gamers = new ShardOptions { Role = CoordinatorClusterSettings.Role, StateStoreMode = StateStoreMode.DData };
        return builder
            .WithHelperStandings()
            .WithSingleton<CreditLedger>(CreditLedger.Name, Restarting(Props.Create(() => new CreditLedger(settings)), CreditLedger.Name),
                new ClusterSingletonOptions { Role = CoordinatorClusterSettings.Role, BufferSize = LedgerBuffer })
            .WithActors((system, registry) =>
            {
                var ledger = registry.Get<CreditLedger>();
                var standings = registry.Get<HelperStanding>();
                var helpers = system.ActorOf(Restarting(Props.Create(() => new PeerRegistry(settings, ledger, standings)), "registry"), "registry");
                var validator = system.ActorOf(Props.Create(() => new Validator(settings)), "validator");
                var scheduler = system.ActorOf(Props.Create(() => new DeadlineScheduler(settings, helpers, validator)), "scheduler");
                registry.Register<PeerRegistry>(helpers);
                registry.Register<MemberHelperGate>(system.ActorOf(MemberHelperGate.Props(helpers), ClusterNames.GateName));
                registry.Register<DeadlineScheduler>(scheduler);
            })
            .WithShardRegion<GamerSessions>(GamerShards.TypeName, (_, registry, _) => account =>
                    GamerSessions.Props(account, settings, registry.Get<SessionEntity>(), registry.Get<CreditLedger>()),
                new GamerShards(), gamers)
            .WithActors((system, registry) => registry.Register<SessionEntity>(StartSessionRegion(system, registry, settings)));
    }

    /// <summary>
    /// The session shard region, started by hand because it needs our <see cref="SessionAllocationStrategy"/>
    /// (Akka.Hosting's shard options take no strategy): sessions are remembered (the event-sourced
    /// store), so a lost node's sessions start at once on the survivors, and a node leaving hands
    /// each off with <see cref="HandOffSession"/>.
    /// </summary>
    private static IActorRef StartSessionRegion(ActorSystem system, IActorRegistry registry, CoordinatorSettings settings)
    {
        var config = ConfigurationFactory.ParseString($"""
            role = {CoordinatorClusterSettings.Role}
            state-store-mode = ddata
            remember-entities = on
            remember-entities-store = eventsourced
            """).WithFallback(system.Settings.Config.GetConfig("akka.cluster.sharding"));
        var sharding = ClusterShardingSettings.Create(config, system.Settings.Config.GetConfig("akka.cluster.singleton"));
        return ClusterSharding.Get(system).Start(
            SessionShards.TypeName,
            id => SessionEntity.Props(id, new SessionServices(settings, registry.Get<DeadlineScheduler>(), registry.Get<PeerRegistry>(),
                registry.Get<CreditLedger>(), registry.Get<GamerSessions>())),
            sharding,
            new SessionShards(),
            new SessionAllocationStrategy(),
            HandOffSession.Instance);
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
    /// This node's <see cref="HelperBalancer"/>, after the registry and the session region it reads,
    /// with distributed pub-sub among the coordinator nodes to carry every node's load.
    /// </summary>
    public static AkkaConfigurationBuilder WithHelperBalancer(this AkkaConfigurationBuilder builder, BalanceSettings settings) =>
        builder
            .WithDistributedPubSub(CoordinatorClusterSettings.Role)
            .WithActors((system, registry) =>
            {
                var node = Akka.Cluster.Cluster.Get(system).SelfAddress.ToString();
                var balancer = system.ActorOf(
                    HelperBalancer.Props(settings, node, registry.Get<PeerRegistry>(), registry.Get<SessionEntity>(), DistributedPubSub.Get(system).Mediator),
                    "balancer");
                registry.Register<HelperBalancer>(balancer);
            });

    /// <summary>A persistent actor under the back-off supervisor described above, named <paramref name="name"/> beneath it.</summary>
    public static Props Restarting(Props props, string name) =>
        BackoffSupervisor.Props(
            Backoff.OnStop(props, name, MinBackoff, MaxBackoff, 0.2, maxNrOfRetries: -1)
                .WithSupervisorStrategy(new OneForOneStrategy(10, TimeSpan.FromMinutes(1), _ => Directive.Restart)));
}
