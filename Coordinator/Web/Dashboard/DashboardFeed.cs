using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Ledger;
using P2C2R.Coordinator.Observability;
using P2C2R.Coordinator.Scheduling;
using P2C2R.Coordinator.Sessions;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Web.Dashboard;

/// <summary>
/// Gathers the operator dashboard's figures. Every second it builds this node's
/// <see cref="NodeView"/> from the reports its sessions publish (on the event stream), its
/// registry's helper directory (subscribed), its scheduler's helper round trips (asked every
/// second), the task and canary counters of <see cref="CoordinatorMetrics"/> and its CPU, and publishes it to every coordinator node on
/// <see cref="Topic"/> (distributed pub-sub); it keeps the latest view heard from every node
/// (<see cref="NodeViews"/>: a node that left the cluster or went silent for
/// <see cref="SilentIntervals"/> seconds is dropped), asks the ledger for its balances, and
/// publishes their merge (<see cref="DashboardMerge"/>) to <see cref="DashboardState"/>.
/// Runs on every node, dashboard or not, so each node appears on the others' dashboards.
/// A session not heard of for <see cref="Stale"/> (handed off, its node busy) is dropped.
/// </summary>
public sealed class DashboardFeed : ReceiveActor, IWithTimers
{
    /// <summary>The pub-sub topic every node's <see cref="NodeView"/> is published on.</summary>
    public const string Topic = "p2c2r.dashboard";

    /// <summary>Publications a node may miss before its view is dropped.</summary>
    public const int SilentIntervals = 3;

    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Stale = TimeSpan.FromSeconds(5);
    private readonly DashboardState _state;
    private readonly IActorRef _registry;
    private readonly IActorRef _ledger;
    private readonly IActorRef _scheduler;
    private readonly IActorRef _mediator;
    private readonly string _node = ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.ToString();
    private readonly NodeViews _views;
    private readonly CpuGauge _cpu = new();
    private readonly Dictionary<string, Seen> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, TaskOutcome), long> _lastTotals = [];
    private Dictionary<long, long> _lastValidated = [];
    private HelperLatencies _latencies = new(new Dictionary<long, HelperLatency>());
    private HelperDirectory _helpers = new([]);
    private LedgerBalances _ledgerState = new(new Dictionary<string, long>());
    private DateTime _lastTick = DateTime.UtcNow;

    /// <param name="state">Where the merged snapshot goes for the HTTP requests.</param>
    /// <param name="registry">This node's <see cref="PeerRegistry"/>.</param>
    /// <param name="ledger">The ledger singleton's proxy.</param>
    /// <param name="scheduler">This node's <see cref="DeadlineScheduler"/>.</param>
    /// <param name="mediator">The distributed pub-sub mediator.</param>
    public DashboardFeed(DashboardState state, IActorRef registry, IActorRef ledger, IActorRef scheduler, IActorRef mediator)
    {
        _state = state;
        _registry = registry;
        _ledger = ledger;
        _scheduler = scheduler;
        _mediator = mediator;
        _views = new NodeViews(_node);
        Receive<SessionReport>(OnReport);
        Receive<HelperDirectory>(directory => _helpers = directory);
        Receive<LedgerBalances>(balances => _ledgerState = balances);
        Receive<HelperLatencies>(latencies => _latencies = latencies);
        Receive<NodeView>(view => view.Node != _node, view => _views.Hear(view, DateTime.UtcNow));
        Receive<NodeView>(_ => { });
        Receive<SubscribeAck>(_ => { });
        Receive<PublishDue>(_ => Publish());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(DashboardState state, IActorRef registry, IActorRef ledger, IActorRef scheduler, IActorRef mediator) =>
        Akka.Actor.Props.Create(() => new DashboardFeed(state, registry, ledger, scheduler, mediator));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(SessionReport));
        _registry.Tell(SubscribeHelpers.Instance, Self);
        _mediator.Tell(new Subscribe(Topic, Self), Self);
        Timers.StartPeriodicTimer("publish", PublishDue.Instance, Every);
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void OnReport(SessionReport report)
    {
        var info = report.Info;
        if (!info.Active)
        {
            _sessions.Remove(info.SessionId);
            return;
        }

        var now = DateTime.UtcNow;
        var fps = _sessions.TryGetValue(info.SessionId, out var before) && now > before.At
            ? (info.Tick - before.Info.Tick) / (now - before.At).TotalSeconds
            : 0;
        _sessions[info.SessionId] = new Seen(info, now, Math.Max(0, fps), report.FrameMeanMs, report.FrameP95Ms);
    }

    private void Publish()
    {
        _ledger.Tell(QueryLedger.Instance, Self);
        _scheduler.Tell(QueryHelperLatencies.Instance, Self);
        var now = DateTime.UtcNow;
        var own = Own(now);
        _mediator.Tell(new Publish(Topic, own), Self);
        _views.Hear(own, now);
        var members = Members();
        _views.Prune(now, Every * SilentIntervals, members);
        var balances = _ledgerState.Balances.Values;
        _state.Publish(DashboardMerge.Snapshot(_node, now, _views.Latest, members,
            new LedgerTotals(_ledgerState.Balances.Count, balances.Where(b => b > 0).Sum(), balances.Where(b => b < 0).Sum(), _ledgerState.TasksPaid)));
    }

    /// <summary>This node's view: its live sessions, its helpers, its task rates and each helper's validated results per second since the last one.</summary>
    private NodeView Own(DateTime now)
    {
        foreach (var stale in _sessions.Where(s => now - s.Value.At > Stale).Select(s => s.Key).ToList())
        {
            _sessions.Remove(stale);
        }

        var seconds = Math.Max(0.001, (now - _lastTick).TotalSeconds);
        _lastTick = now;
        var tasks = new List<TaskRate>();
        foreach (var (type, outcome, total) in CoordinatorMetrics.TaskTotals())
        {
            var last = _lastTotals.GetValueOrDefault((type, outcome));
            _lastTotals[(type, outcome)] = total;
            tasks.Add(new TaskRate(type, CoordinatorMetrics.Name(outcome), (total - last) / seconds, total));
        }

        var validated = _helpers.Helpers.ToDictionary(h => h.Id, h => h.Validated);
        var helpers = _helpers.Helpers.Take(NodeView.MaxRows).Select(h =>
        {
            var latency = _latencies.ByHelper.GetValueOrDefault(h.Id);
            var rate = _lastValidated.TryGetValue(h.Id, out var last) ? Math.Max(0, h.Validated - last) / seconds : 0;
            return new HelperRow(h.Id, h.Name, h.Account, h.Trusted, h.Quarantined, h.Reputation, h.ValidRun, h.Active, h.Capacity, h.FrameMs,
                _ledgerState.Balances.GetValueOrDefault(CreditLedger.HelperAccount(h.Account)), "", latency?.MeanMs ?? 0, latency?.P95Ms ?? 0, rate);
        }).ToArray();
        _lastValidated = validated;
        return new NodeView(
            _node,
            [.. _sessions.Values.OrderBy(s => s.Info.SessionId, StringComparer.Ordinal).Take(NodeView.MaxRows).Select(Row)],
            helpers,
            [.. tasks.OrderBy(t => t.Type, StringComparer.Ordinal).ThenBy(t => t.Outcome, StringComparer.Ordinal)],
            CoordinatorMetrics.CanariesCaught,
            _cpu.Read(),
            _sessions.Count,
            _helpers.Helpers.Count);
    }

    /// <summary>The cluster's members as this node sees them, by address; one it cannot reach shows as unreachable.</summary>
    private Dictionary<string, ClusterMember> Members()
    {
        var cluster = Akka.Cluster.Cluster.Get(Context.System).State;
        var unreachable = cluster.Unreachable.Select(m => m.Address).ToHashSet();
        return cluster.Members.ToDictionary(
            m => m.Address.ToString(),
            m => new ClusterMember(unreachable.Contains(m.Address) ? "Unreachable" : m.Status.ToString(), string.Join(", ", m.Roles.Order(StringComparer.Ordinal))),
            StringComparer.Ordinal);
    }

    private static SessionRow Row(Seen seen)
    {
        var c = seen.Info.Counters;
        var done = c.HelperComputed + c.CoordinatorComputed;
        var ticks = Math.Max(1, c.Ticks);
        return new SessionRow(seen.Info.SessionId, seen.Info.Account, seen.Info.Tick, seen.Fps, done == 0 ? 0 : (double)c.HelperComputed / done,
            (double)c.HelperBytes / ticks, (double)c.GamerBytes / ticks, c.LateTicks, c.ValidationRejects, "", seen.FrameMeanMs, seen.FrameP95Ms);
    }

    private sealed record Seen(SessionInfo Info, DateTime At, double Fps, double FrameMeanMs, double FrameP95Ms);

    private sealed record PublishDue
    {
        public static PublishDue Instance { get; } = new();
    }
}
