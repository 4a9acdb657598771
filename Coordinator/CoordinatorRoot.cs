using P2C2R.Actors;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Ledger;
using P2C2R.Coordinator.Scheduling;
using P2C2R.Coordinator.Sessions;
using P2C2R.Coordinator.Validation;

namespace P2C2R.Coordinator;

/// <summary>
/// The root of the coordinator's hierarchy (<c>/user/coordinator</c>): ledger, registry,
/// validator, scheduler and session manager. The ledger, registry and session manager are
/// persistent: a restart of one recovers it from the journal. Supervision is one-for-one with restart: each child's state
/// is either rebuilt from the others (the scheduler re-subscribes to the registry and
/// unfinished work falls back to local computation at its deadline) or owned by its own children
/// (sessions), so one failing child is restarted without disturbing its siblings.
/// </summary>
public sealed class CoordinatorRoot(CoordinatorSettings settings) : ReceiveActor
{
    public const string Name = "coordinator";

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(20, TimeSpan.FromMinutes(1), _ => Directive.Restart);

    protected override void PreStart()
    {
        var ledger = Context.ActorOf(Props.Create(() => new CreditLedger(settings)), CreditLedger.Name);
        var registry = Context.ActorOf(Props.Create(() => new PeerRegistry(settings, ledger)), "registry");
        var validator = Context.ActorOf(Props.Create(() => new Validator(settings)), "validator");
        var scheduler = Context.ActorOf(Props.Create(() => new DeadlineScheduler(settings, registry, validator)), "scheduler");
        Context.ActorOf(Props.Create(() => new SessionManager(settings, scheduler, registry, ledger)), "sessions");
    }
}
