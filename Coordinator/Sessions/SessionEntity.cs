using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Sessions;

/// <summary>
/// One session as a sharded entity (<see cref="SessionShards.TypeName"/>), keyed by its id, on
/// whichever coordinator node the cluster gives it: it journals the session's life (who opened it,
/// at what rate; that it ended) and runs the playing <see cref="Session"/> as its child with that
/// node's scheduler, helpers and the ledger. Sharding remembers it, so when its node is lost it
/// starts at once on a survivor, where the session recovers its world from the shared journal and
/// waits, paused, for its gamer to resume.
/// Supervision: a session that throws is restarted on its own (one-for-one) from its journal, so
/// a bug triggered by one gamer never touches another session; one failing more than 10 times a
/// minute is stopped, and one that stops while open (its journal failed, say) is revived a
/// second later. An ended session's entity passivates, so sharding forgets it.
/// </summary>
public sealed class SessionEntity : ReceivePersistentActor, IWithTimers
{
    private static readonly TimeSpan RevivalDelay = TimeSpan.FromSeconds(1);
    private readonly string _id;
    private readonly SessionServices _services;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private SessionOpened? _opened;
    private bool _closed;
    private IActorRef? _session;

    public SessionEntity(string id, SessionServices services)
    {
        _id = id;
        _services = services;
        Recover<SessionOpened>(opened => _opened = opened);
        Recover<SessionClosed>(_ => _closed = true);
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<OpenSession>(OnOpen);
        Command<SessionCommand>(command => _opened is { } opened && !_closed && command.Account == opened.Account, OnCommand);
        Command<SessionCommand>(command =>
        {
            Sender.Tell(new SessionNotFound(command.SessionId), Self);
            PassivateUnlessOpen();
        });
        Command<SessionReport>(report => _services.Gamers.Tell(report, Self));
        Command<HandOffSession>(_ =>
        {
            if (_session is null)
            {
                Context.Stop(Self);
                return;
            }

            _session.Tell(HandOffSession.Instance, Self);
            Become(HandingOff);
        });
        Command<Terminated>(OnTerminated);
        Command<Revive>(_ =>
        {
            if (_opened is not null && !_closed && _session is null)
            {
                Spawn(gamer: null);
            }
        });
    }

    public override string PersistenceId => PersistenceIdOf(_id);

    public static Props Props(string id, SessionServices services) => Akka.Actor.Props.Create(() => new SessionEntity(id, services));

    public static string PersistenceIdOf(string sessionId) => "session-life-" + sessionId;

    public ITimerScheduler Timers { get; set; } = null!;

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(10, TimeSpan.FromMinutes(1), _ => Directive.Restart);

    private void OnRecovered()
    {
        if (_opened is not null && !_closed)
        {
            Spawn(gamer: null);
            _log.Info("Session {0} of {1} is back; waiting for its gamer to resume", _id, _opened.Account);
        }
    }

    private void OnOpen(OpenSession open)
    {
        if (_opened is null)
        {
            Persist(new SessionOpened(open.SessionId, open.Account, open.TicksPerSecond), opened =>
            {
                _opened = opened;
                Spawn(open.Gamer);
                _log.Info("Session {0} started for {1} at {2} ticks/s", opened.SessionId, opened.Account, opened.TicksPerSecond);
            });
        }
        else if (!_closed && open.Account == _opened.Account)
        {
            Live().Tell(new AttachGamer(open.Gamer), Self);
        }
    }

    private void OnCommand(SessionCommand command)
    {
        switch (command.Request)
        {
            case ResumeSession:
                Live().Tell(new AttachGamer(Sender), Self);
                break;
            case QuerySession query:
                Live().Forward(query);
                break;
            case EndSession:
                var requester = Sender;
                Persist(new SessionClosed(_id), _ => End(requester));
                break;
            default:
                Sender.Tell(new SessionNotFound(command.SessionId), Self);
                break;
        }
    }

    /// <summary>Ends the session: its actor stops and tells the gamer; with none running, the requester is told here.</summary>
    private void End(IActorRef requester)
    {
        _closed = true;
        Timers.Cancel("revive");
        if (_session is not null)
        {
            _session.Tell(new StopSession(requester), Self);
            return;
        }

        requester.Tell(new SessionEnded(_id, SessionCounters.Zero), Self);
        PassivateUnlessOpen();
    }

    private void OnTerminated(Terminated terminated)
    {
        if (!terminated.ActorRef.Equals(_session))
        {
            return;
        }

        _session = null;
        if (_closed)
        {
            PassivateUnlessOpen();
            return;
        }

        _log.Error("Session {0} stopped while open; reviving it from its journal in {1}", _id, RevivalDelay);
        Timers.StartSingleTimer("revive", new Revive(), RevivalDelay);
    }

    /// <summary>While the session cuts its lease for a hand-off: nothing but its end matters.</summary>
    private void HandingOff()
    {
        Command<Terminated>(terminated =>
        {
            if (terminated.ActorRef.Equals(_session))
            {
                Context.Stop(Self);
            }
        });
        CommandAny(message => _log.Debug("Session {0} is handing off; {1} is dropped", _id, message.GetType().Name));
    }

    /// <summary>An entity with no open session asks its shard to stop it, which also makes sharding forget it.</summary>
    private void PassivateUnlessOpen()
    {
        if (_opened is null || _closed)
        {
            Context.Parent.Tell(new Passivate(PoisonPill.Instance));
        }
    }

    /// <summary>The running session, started if it is not (a resume during a revival's delay starts it at once).</summary>
    private IActorRef Live()
    {
        if (_session is null)
        {
            Timers.Cancel("revive");
            Spawn(gamer: null);
        }

        return _session!;
    }

    private void Spawn(IActorRef? gamer)
    {
        var (opened, services) = (_opened!, _services);
        _session = Context.ActorOf(Akka.Actor.Props.Create(() => new Session(opened.SessionId, opened.Account, opened.TicksPerSecond, gamer,
            services.Settings, services.Scheduler, services.Registry, services.Ledger)), "session");
        Context.Watch(_session);
    }

    private sealed record Revive;
}
