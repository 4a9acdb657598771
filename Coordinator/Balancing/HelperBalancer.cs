using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using P2C2R.Coordinator.Helpers;

namespace P2C2R.Coordinator.Balancing;

/// <summary>
/// Keeps this node's helpers in step with its sessions. A session computes only with the helpers
/// connected to its own node, while helpers simply dial the first node of their list, so without
/// this one node may hold every helper and another every session. Every
/// <see cref="BalanceSettings.PublishEvery"/> it publishes this node's <see cref="NodeLoad"/>
/// (open sessions, counted by the session shard region, and connected helpers not quarantined,
/// from the registry's directory) to every node through distributed pub-sub, and hears theirs.
/// At most once per <see cref="BalanceSettings.MoveEvery"/> it asks <see cref="BalancePlan"/>
/// whether a helper should go elsewhere, and if so tells the helper's connection to move it
/// (<see cref="MoveHelper"/>): the helper with least in flight, so the least work falls back.
/// A node not heard from for three publications is taken to be gone. With balancing off a node
/// moves none of its helpers but still publishes its load, so the others may send it theirs.
/// </summary>
public sealed class HelperBalancer : ReceiveActor, IWithTimers
{
    /// <summary>The pub-sub topic every node's load is published on.</summary>
    public const string Topic = "p2c2r.node-load";

    private const int SilentPublications = 3;
    private readonly BalanceSettings _settings;
    private readonly string _node;
    private readonly IActorRef _registry;
    private readonly IActorRef _sessionRegion;
    private readonly IActorRef _mediator;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, (NodeLoad Load, DateTime Heard)> _loads = new(StringComparer.Ordinal);
    private IReadOnlyList<HelperView> _helpers = [];
    private int _sessions;
    private DateTime _lastMove = DateTime.UtcNow;

    /// <param name="settings">How often to publish and to move.</param>
    /// <param name="node">This node's cluster address, as its <see cref="NodeLoad"/> names it.</param>
    /// <param name="registry">This node's <see cref="PeerRegistry"/>, whose directory says which helpers are here.</param>
    /// <param name="sessionRegion">The session shard region, asked how many sessions this node hosts.</param>
    /// <param name="mediator">The distributed pub-sub mediator.</param>
    public HelperBalancer(BalanceSettings settings, string node, IActorRef registry, IActorRef sessionRegion, IActorRef mediator)
    {
        _settings = settings;
        _node = node;
        _registry = registry;
        _sessionRegion = sessionRegion;
        _mediator = mediator;
        Receive<HelperDirectory>(directory => _helpers = directory.Helpers);
        Receive<ShardRegionStats>(stats => _sessions = stats.Stats.Values.Sum());
        Receive<NodeLoad>(load => load.Node != _node, load => _loads[load.Node] = (load, DateTime.UtcNow));
        Receive<NodeLoad>(_ => { });
        Receive<SubscribeAck>(_ => { });
        Receive<Tick>(_ => OnTick());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(BalanceSettings settings, string node, IActorRef registry, IActorRef sessionRegion, IActorRef mediator) =>
        Akka.Actor.Props.Create(() => new HelperBalancer(settings, node, registry, sessionRegion, mediator));

    protected override void PreStart()
    {
        _registry.Tell(SubscribeHelpers.Instance, Self);
        _mediator.Tell(new Subscribe(Topic, Self), Self);
        _sessionRegion.Tell(GetShardRegionStats.Instance, Self);
        Timers.StartPeriodicTimer(nameof(Tick), Tick.Instance, _settings.PublishEvery);
    }

    private NodeLoad Own() => new(_node, _settings.EdgeAddress, _sessions, _helpers.Count(h => !h.Quarantined));

    private void OnTick()
    {
        var now = DateTime.UtcNow;
        var silent = now - (_settings.PublishEvery * SilentPublications);
        foreach (var (node, heard) in _loads)
        {
            if (heard.Heard < silent)
            {
                _loads.Remove(node);
            }
        }

        var own = Own();
        _mediator.Tell(new Publish(Topic, own), Self);
        _sessionRegion.Tell(GetShardRegionStats.Instance, Self);
        if (_settings.Enabled && now - _lastMove >= _settings.MoveEvery)
        {
            MoveOne(own, now);
        }
    }

    private void MoveOne(NodeLoad own, DateTime now)
    {
        if (BalancePlan.TargetFor(own, _loads.Values.Select(l => l.Load)) is not { } target)
        {
            return;
        }

        var helper = _helpers.Where(h => !h.Quarantined).OrderBy(h => h.Active).ThenByDescending(h => h.Id).First();
        _log.Info("This node has {0} helpers for {1} sessions, node {2} {3} for {4}: helper #{5} {6} is asked to move to {7}",
            [own.Helpers, own.Sessions, target.Node, target.Helpers, target.Sessions, helper.Id, helper.Name, target.EdgeAddress]);
        helper.Ref.Tell(new MoveHelper(target.EdgeAddress), Self);
        _lastMove = now;
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}
