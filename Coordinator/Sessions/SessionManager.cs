using Microsoft.Extensions.Logging;
using P2C2R.Actors;
using P2C2R.Coordinator.Ledger;
using P2C2R.GameSdk;
using P2C2R.Persistence;
using P2C2R.Protocol;

namespace P2C2R.Coordinator.Sessions;

/// <summary>
/// Starts, finds, resumes and ends sessions; one child <see cref="Session"/> per gamer session.
/// Supervision: a session that throws is restarted on its own (one-for-one), so a bug triggered
/// by one gamer never touches another session, the helpers or the scheduler; a session failing
/// more than 10 times a minute is stopped rather than left looping.
/// Event-sourced: which sessions are open is journalled, so a recovered coordinator brings
/// every open session back (each recovers its own world) and waits for its gamer to resume.
/// </summary>
public sealed class SessionManager : PersistentActor, IWithTimers
{
    private static readonly TimeSpan RevivalDelay = TimeSpan.FromSeconds(1);
    private readonly CoordinatorSettings _settings;
    private readonly IActorRef _scheduler;
    private readonly IActorRef _registry;
    private readonly IActorRef _ledger;
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
    }

    public override string PersistenceId => "sessions";

    public ITimerScheduler Timers { get; set; } = null!;

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(10, TimeSpan.FromMinutes(1), _ => Directive.Restart);

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SessionOpened opened:
                _open[opened.SessionId] = opened;
                _opened++;
                break;
            case SessionClosed closed:
                Close(closed.SessionId);
                break;
        }
    }

    protected override void OnRecoveryCompleted()
    {
        foreach (var opened in _open.Values.OrderBy(o => o.SessionId, StringComparer.Ordinal))
        {
            Spawn(opened, gamer: null);
            Log.LogInformation("Session {Id} of {Account} is back; waiting for its gamer to resume", opened.SessionId, opened.Account);
        }
    }

    protected override bool OnCommand(object message)
    {
        switch (message)
        {
            case StartSession start:
                var ticks = start.TicksPerSecond > 0 ? start.TicksPerSecond : _settings.TicksPerSecond;
                Persist(new SessionOpened($"s{_opened + 1}-{Guid.NewGuid().ToString("N")[..8]}", start.Account, ticks), opened =>
                {
                    _open[opened.SessionId] = opened;
                    _opened++;
                    Spawn(opened, start.Gamer);
                    Log.LogInformation("Session {Id} started for {Account} at {Ticks} ticks/s", opened.SessionId, opened.Account, opened.TicksPerSecond);
                });
                break;
            case ResumeSession resume:
                WithSession(resume.SessionId, session => session.Tell(new AttachGamer(resume.Gamer), Self), resume.Gamer);
                break;
            case EndSession end:
                var requester = Sender;
                WithSession(end.SessionId, session => Persist(new SessionClosed(end.SessionId), closed =>
                {
                    Close(closed.SessionId);
                    session.Tell(new StopSession(requester), Self);
                }), requester);
                break;
            case QuerySession query when Context.Child(query.SessionId) is { } live:
                live.Forward(query, Context);
                break;
            case QuerySession query when _known.TryGetValue(query.SessionId, out var info):
                Sender.Tell(info, Self);
                break;
            case QuerySession query:
                Sender.Tell(new SessionNotFound(query.SessionId), Self);
                break;
            case ListSessions:
                Sender.Tell(new SessionList([.. _known.Values.OrderBy(s => s.SessionId, StringComparer.Ordinal)]), Self);
                break;
            case QueryBalance:
                _ledger.Forward(message, Context);
                break;
            case QueryInputLog query when _open.TryGetValue(query.SessionId, out var opened) || _closed.TryGetValue(query.SessionId, out opened):
                SendInputLog(opened, Sender);
                break;
            case QueryInputLog query:
                Sender.Tell(new SessionNotFound(query.SessionId), Self);
                break;
            case SessionReport report:
                _known[report.Info.SessionId] = report.Info;
                break;
            case Terminated terminated when _open.TryGetValue(terminated.ActorRef.Path.Name, out var lost):
                Log.LogError("Session {Id} stopped while open; reviving it from its journal in {Delay}", lost.SessionId, RevivalDelay);
                Timers.StartSingleTimer(("revive", lost.SessionId), new Revive(lost.SessionId), RevivalDelay);
                break;
            case Terminated:
                break;
            case Revive revive when _open.TryGetValue(revive.SessionId, out var opened) && Context.Child(revive.SessionId) is null:
                Spawn(opened, gamer: null);
                break;
            case Revive:
                break;
            default:
                return false;
        }

        return true;
    }

    private void Close(string sessionId)
    {
        if (_open.Remove(sessionId, out var opened))
        {
            _closed[sessionId] = opened;
        }
    }

    /// <summary>
    /// Reads the session's journal off the actor's thread and answers with its input log; a
    /// session still playing answers with the ticks journalled so far.
    /// </summary>
    private void SendInputLog(SessionOpened opened, IActorRef asker)
    {
        var persistence = PersistenceExtension.Get(Context.System);
        var (self, frame, game, log) = (Self, _settings.Frame, _settings.Game.Name, Log);
        _ = Task.Run(async () =>
        {
            try
            {
                var keys = await SessionReplay.ReadKeysAsync(persistence.Journal, persistence.Serializer, opened.SessionId).WaitAsync(TimeSpan.FromSeconds(30));
                asker.Tell(new InputLog(opened.SessionId, game, GameOptions.SeedOf(opened.SessionId), opened.TicksPerSecond,
                    frame.TraceWidth, frame.TraceHeight, frame.FrameWidth, frame.FrameHeight, frame.Bands, keys), self);
            }
            catch (Exception e) when (e is InvalidDataException or TimeoutException or IOException)
            {
                log.LogError(e, "Reading the input log of session {Id} failed", opened.SessionId);
                asker.Tell(new SessionNotFound(opened.SessionId), self);
            }
        });
    }

    private void Spawn(SessionOpened opened, IActorRef? gamer)
    {
        var session = Context.ActorOf(Props.Create(() => new Session(opened.SessionId, opened.Account, opened.TicksPerSecond, gamer, _settings, _scheduler, _registry, _ledger)), opened.SessionId);
        Context.Watch(session);
        _known[opened.SessionId] = new SessionInfo(opened.SessionId, opened.Account, true, 0, new SessionCounters(0, 0, 0, 0, 0, 0, 0, 0), "");
    }

    private void WithSession(string id, Action<IActorRef> action, IActorRef? asker)
    {
        if (Context.Child(id) is { } session)
        {
            action(session);
        }
        else
        {
            asker?.Tell(new SessionNotFound(id), Self);
        }
    }

    private sealed record Revive(string SessionId);
}
