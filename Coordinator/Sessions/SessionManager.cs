using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using P2C2R.Coordinator.Ledger;
using P2C2R.GameSdk;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Sessions;

/// <summary>
/// Starts, finds, resumes and ends sessions for gamer connections (<see cref="GamerCommand"/>);
/// one child <see cref="Session"/> per session. Every operation is checked against the account
/// that opened the session: another account's session is answered <see cref="SessionNotFound"/>,
/// exactly like one that does not exist, so a gamer learns nothing of others' sessions.
/// Supervision: a session that throws is restarted on its own (one-for-one) from its journal, so a
/// bug triggered by one gamer never touches another session, the helpers or the scheduler; a
/// session failing more than 10 times a minute is stopped rather than left looping, and one that
/// stops while still open (its journal failed, say) is revived from its journal a second later.
/// Event-sourced: which sessions are open is journalled, so a recovered coordinator brings
/// every open session back (each recovers its own world) and waits for its gamer to resume.
/// </summary>
public sealed class SessionManager : ReceivePersistentActor, IWithTimers
{
    private static readonly TimeSpan RevivalDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan InputLogTimeout = TimeSpan.FromSeconds(30);
    private readonly CoordinatorSettings _settings;
    private readonly IActorRef _scheduler;
    private readonly IActorRef _registry;
    private readonly IActorRef _ledger;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, SessionInfo> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SessionOpened> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SessionOpened> _closed = new(StringComparer.Ordinal);
    private long _opened;

    public SessionManager(CoordinatorSettings settings, IActorRef scheduler, IActorRef registry, IActorRef ledger)
    {
        _settings = settings;
        _scheduler = scheduler;
        _registry = registry;
        _ledger = ledger;
        Recover<SessionOpened>(Opened);
        Recover<SessionClosed>(closed => Close(closed.SessionId));
        Recover<RecoveryCompleted>(_ => ReviveAll());

        Command<GamerCommand>(OnGamer);
        Command<SessionReport>(report => _known[report.Info.SessionId] = report.Info);
        Command<Terminated>(OnTerminated);
        Command<Revive>(revive =>
        {
            if (_open.TryGetValue(revive.SessionId, out var opened) && Context.Child(revive.SessionId).IsNobody())
            {
                Spawn(opened, gamer: null);
            }
        });
    }

    public override string PersistenceId => "sessions";

    public ITimerScheduler Timers { get; set; } = null!;

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(10, TimeSpan.FromMinutes(1), _ => Directive.Restart);

    private void ReviveAll()
    {
        foreach (var opened in _open.Values.OrderBy(o => o.SessionId, StringComparer.Ordinal))
        {
            Spawn(opened, gamer: null);
            _log.Info("Session {0} of {1} is back; waiting for its gamer to resume", opened.SessionId, opened.Account);
        }
    }

    private void OnGamer(GamerCommand command)
    {
        var gamer = Sender;
        switch (command.Request)
        {
            case StartSession start:
                var ticks = start.TicksPerSecond > 0 ? start.TicksPerSecond : _settings.TicksPerSecond;
                Persist(new SessionOpened($"s{_opened + 1}-{Guid.NewGuid().ToString("N")[..8]}", command.Account, ticks), opened =>
                {
                    Opened(opened);
                    Spawn(opened, gamer);
                    _log.Info("Session {0} started for {1} at {2} ticks/s", opened.SessionId, opened.Account, opened.TicksPerSecond);
                });
                break;
            case ResumeSession resume when Live(command.Account, resume.SessionId) is { } session:
                session.Tell(new AttachGamer(gamer), Self);
                break;
            case EndSession end when _open.TryGetValue(end.SessionId, out var open) && open.Account == command.Account:
                Persist(new SessionClosed(end.SessionId), closed => End(closed.SessionId, gamer));
                break;
            case QuerySession query when Live(command.Account, query.SessionId) is { } session:
                session.Forward(query);
                break;
            case QuerySession query when Owns(command.Account, query.SessionId, out _) && _known.TryGetValue(query.SessionId, out var info):
                gamer.Tell(info, Self);
                break;
            case ListSessions:
                gamer.Tell(new SessionList([.. _known.Values.Where(s => s.Account == command.Account).OrderBy(s => s.SessionId, StringComparer.Ordinal)]), Self);
                break;
            case QueryInputLog query when Owns(command.Account, query.SessionId, out var opened):
                SendInputLog(opened, gamer);
                break;
            case QueryBalance:
                _ledger.Tell(new QueryGamerBalance(command.Account), gamer);
                break;
            case ResumeSession resume:
                gamer.Tell(new SessionNotFound(resume.SessionId), Self);
                break;
            case EndSession end:
                gamer.Tell(new SessionNotFound(end.SessionId), Self);
                break;
            case QuerySession query:
                gamer.Tell(new SessionNotFound(query.SessionId), Self);
                break;
            case QueryInputLog query:
                gamer.Tell(new SessionNotFound(query.SessionId), Self);
                break;
            default:
                _log.Warning("A gamer of {0} sent {1}, which is not a session command", command.Account, command.Request.GetType().Name);
                break;
        }
    }

    /// <summary>Whether <paramref name="account"/> opened <paramref name="sessionId"/> (open or ended).</summary>
    private bool Owns(string account, string sessionId, out SessionOpened opened) =>
        (_open.TryGetValue(sessionId, out opened!) || _closed.TryGetValue(sessionId, out opened!)) && opened.Account == account;

    /// <summary>The running session <paramref name="sessionId"/> of <paramref name="account"/>; null when it is not running or is another account's.</summary>
    private IActorRef? Live(string account, string sessionId) =>
        _open.TryGetValue(sessionId, out var opened) && opened.Account == account && Context.Child(sessionId) is { } child && !child.IsNobody()
            ? child
            : null;

    private void Opened(SessionOpened opened)
    {
        _open[opened.SessionId] = opened;
        _opened++;
    }

    private void Close(string sessionId)
    {
        if (_open.Remove(sessionId, out var opened))
        {
            _closed[sessionId] = opened;
        }
    }

    /// <summary>
    /// Closes an ended session: its actor, when running, stops and tells the gamer; one waiting to
    /// be revived (it stopped while open) is not revived, and the gamer is told here.
    /// </summary>
    private void End(string sessionId, IActorRef gamer)
    {
        Close(sessionId);
        if (Context.Child(sessionId) is { } session && !session.IsNobody())
        {
            session.Tell(new StopSession(gamer), Self);
            return;
        }

        Timers.Cancel(("revive", sessionId));
        var counters = _known.TryGetValue(sessionId, out var info) ? info.Counters : SessionCounters.Zero;
        if (info is not null)
        {
            _known[sessionId] = info with { Active = false };
        }

        gamer.Tell(new SessionEnded(sessionId, counters), Self);
    }

    private void OnTerminated(Terminated terminated)
    {
        if (_open.TryGetValue(terminated.ActorRef.Path.Name, out var lost))
        {
            _log.Error("Session {0} stopped while open; reviving it from its journal in {1}", lost.SessionId, RevivalDelay);
            Timers.StartSingleTimer(("revive", lost.SessionId), new Revive(lost.SessionId), RevivalDelay);
        }
    }

    /// <summary>
    /// Reads the session's journal off the actor's thread and answers with its input log; a
    /// session still playing answers with the ticks journalled so far.
    /// </summary>
    private void SendInputLog(SessionOpened opened, IActorRef asker)
    {
        var (self, system, frame, game, log) = (Self, Context.System, _settings.Frame, _settings.Game.Name, _log);
        _ = Task.Run(async () =>
        {
            try
            {
                var keys = await SessionReplay.ReadKeysAsync(system, opened.SessionId, InputLogTimeout).ConfigureAwait(false);
                asker.Tell(new InputLog(opened.SessionId, game, GameOptions.SeedOf(opened.SessionId), opened.TicksPerSecond,
                    frame.TraceWidth, frame.TraceHeight, frame.FrameWidth, frame.FrameHeight, frame.Bands, keys), self);
            }
            catch (Exception e)
            {
                log.Error(e, "Reading the input log of session {0} failed", opened.SessionId);
                asker.Tell(new SessionNotFound(opened.SessionId), self);
            }
        });
    }

    private void Spawn(SessionOpened opened, IActorRef? gamer)
    {
        var (settings, scheduler, registry, ledger) = (_settings, _scheduler, _registry, _ledger);
        var session = Context.ActorOf(Props.Create(() => new Session(opened.SessionId, opened.Account, opened.TicksPerSecond, gamer, settings, scheduler, registry, ledger)), opened.SessionId);
        Context.Watch(session);
        _known[opened.SessionId] = new SessionInfo(opened.SessionId, opened.Account, true, 0, SessionCounters.Zero, "");
    }

    private sealed record Revive(string SessionId);
}
