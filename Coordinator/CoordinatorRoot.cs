using Akka.Actor;
using Akka.Pattern;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Ledger;
using P2C2R.Coordinator.Scheduling;
using P2C2R.Coordinator.Sessions;
using P2C2R.Coordinator.Validation;

namespace P2C2R.Coordinator;

/// <summary>
/// The root of the coordinator's hierarchy (<c>/user/coordinator</c>): ledger, registry,
/// validator, scheduler and session manager; it tells the edge where to send
/// (<see cref="GetEdgeTargets"/>).
/// Supervision, chosen per child:
/// <list type="bullet">
/// <item>The ledger and session manager are persistent, and the registry keeps helpers' standings
/// in their <see cref="HelperStanding"/> entities (<c>standings</c>, the shard region). Each sits
/// under a back-off supervisor that restarts it when it throws (it recovers from the journal, the
/// registry carries its state over) and also brings it back when it stops, which is what a
/// persistent actor does when the journal fails to write or to recover: it returns after 0.5 s,
/// doubling to 30 s, once the store answers again. The refs handed out are the supervisors', so
/// they stay valid across those returns.</item>
/// <item>The validator and scheduler hold no durable state: one-for-one restart. The scheduler
/// re-subscribes to the registry, and work it held falls back on the sessions' safety nets.</item>
/// </list>
/// One failing child is restarted without disturbing its siblings.
/// </summary>
public sealed class CoordinatorRoot : ReceiveActor
{
    public const string Name = "coordinator";
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly CoordinatorSettings _settings;
    private readonly IActorRef _standings;
    private EdgeTargets? _targets;

    public CoordinatorRoot(CoordinatorSettings settings, IActorRef standings)
    {
        _settings = settings;
        _standings = standings;
        Receive<GetEdgeTargets>(_ => Sender.Tell(_targets, Self));
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(20, TimeSpan.FromMinutes(1), _ => Directive.Restart);

    protected override void PreStart()
    {
        var settings = _settings;
        var standings = _standings;
        var ledger = Persistent(Props.Create(() => new CreditLedger(settings)), CreditLedger.Name);
        var registry = Persistent(Props.Create(() => new PeerRegistry(settings, ledger, standings)), "registry");
        var validator = Context.ActorOf(Props.Create(() => new Validator(settings)), "validator");
        var scheduler = Context.ActorOf(Props.Create(() => new DeadlineScheduler(settings, registry, validator)), "scheduler");
        var sessions = Persistent(Props.Create(() => new SessionManager(settings, scheduler, registry, ledger)), "sessions");
        _targets = new EdgeTargets(registry, sessions);
    }

    private static IActorRef Persistent(Props props, string name) =>
        Context.ActorOf(BackoffSupervisor.Props(
            Backoff.OnStop(props, name, MinBackoff, MaxBackoff, 0.2, maxNrOfRetries: -1)
                .WithSupervisorStrategy(new OneForOneStrategy(10, TimeSpan.FromMinutes(1), _ => Directive.Restart))), name);
}
