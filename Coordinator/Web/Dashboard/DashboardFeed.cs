using Akka.Actor;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Ledger;
using P2C2R.Coordinator.Observability;
using P2C2R.Coordinator.Sessions;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Web.Dashboard;

/// <summary>
/// Gathers the operator dashboard's figures on this node: the reports the sessions publish every
/// second (on the event stream), the registry's helper directory (subscribed), the ledger's
/// balances (asked every second) and the task counters of <see cref="CoordinatorMetrics"/>, and
/// every second publishes a <see cref="DashboardSnapshot"/> to <see cref="DashboardState"/>.
/// A session not heard of for <see cref="Stale"/> (handed off, its node busy) is dropped.
/// </summary>
public sealed class DashboardFeed : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Stale = TimeSpan.FromSeconds(5);
    private readonly DashboardState _state;
    private readonly IActorRef _registry;
    private readonly IActorRef _ledger;
    private readonly string _node = ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.ToString();
    private readonly Dictionary<string, Seen> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, TaskOutcome), long> _lastTotals = [];
    private HelperDirectory _helpers = new([]);
    private IReadOnlyDictionary<string, long> _balances = new Dictionary<string, long>();
    private DateTime _lastTick = DateTime.UtcNow;

    public DashboardFeed(DashboardState state, IActorRef registry, IActorRef ledger)
    {
        _state = state;
        _registry = registry;
        _ledger = ledger;
        Receive<SessionReport>(OnReport);
        Receive<HelperDirectory>(directory => _helpers = directory);
        Receive<LedgerBalances>(balances => _balances = balances.Balances);
        Receive<PublishDue>(_ => Publish());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(DashboardState state, IActorRef registry, IActorRef ledger) =>
        Akka.Actor.Props.Create(() => new DashboardFeed(state, registry, ledger));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(SessionReport));
        _registry.Tell(SubscribeHelpers.Instance, Self);
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
        _sessions[info.SessionId] = new Seen(info, now, Math.Max(0, fps));
    }

    private void Publish()
    {
        _ledger.Tell(new QueryLedger(), Self);
        var now = DateTime.UtcNow;
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

        var balances = _balances.Values;
        _state.Publish(new DashboardSnapshot(
            _node,
            now,
            [.. _sessions.Values.OrderBy(s => s.Info.SessionId, StringComparer.Ordinal).Select(Row)],
            [.. _helpers.Helpers.Select(h => new HelperRow(h.Id, h.Name, h.Account, h.Trusted, h.Quarantined, h.Reputation, h.ValidRun, h.Active, h.Capacity, h.FrameMs,
                _balances.GetValueOrDefault(CreditLedger.HelperAccount(h.Account))))],
            [.. tasks.OrderBy(t => t.Type, StringComparer.Ordinal).ThenBy(t => t.Outcome, StringComparer.Ordinal)],
            new LedgerTotals(_balances.Count, balances.Where(b => b > 0).Sum(), balances.Where(b => b < 0).Sum())));
    }

    private static SessionRow Row(Seen seen)
    {
        var c = seen.Info.Counters;
        var done = c.HelperComputed + c.CoordinatorComputed;
        var ticks = Math.Max(1, c.Ticks);
        return new SessionRow(seen.Info.SessionId, seen.Info.Account, seen.Info.Tick, seen.Fps, done == 0 ? 0 : (double)c.HelperComputed / done,
            (double)c.HelperBytes / ticks, (double)c.GamerBytes / ticks, c.LateTicks, c.ValidationRejects);
    }

    private sealed record Seen(SessionInfo Info, DateTime At, double Fps);

    private sealed record PublishDue
    {
        public static PublishDue Instance { get; } = new();
    }
}
