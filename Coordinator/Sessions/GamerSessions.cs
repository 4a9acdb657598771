using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using P2C2R.Coordinator.Ledger;
using P2C2R.GameSdk;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Sessions;

/// <summary>
/// One gamer account's sessions, a sharded entity keyed by the account
/// (<see cref="GamerShards.TypeName"/>): it starts, finds, resumes and ends that account's
/// sessions, each a <see cref="SessionEntity"/> that may live on any coordinator node. A gamer
/// connection's requests (<see cref="GamerCommand"/>) reach this entity by the account its
/// handshake proved, so a gamer only ever speaks to its own account; a session id this account
/// did not open is answered <see cref="SessionNotFound"/>, exactly like one that does not exist,
/// so a gamer learns nothing of others' sessions.
/// Event-sourced: which sessions the account opened and ended is journalled, so ownership holds
/// after any node's loss; the sessions' latest reports (for status and list) are kept in memory.
/// </summary>
public sealed class GamerSessions : ReceivePersistentActor
{
    private static readonly TimeSpan InputLogTimeout = TimeSpan.FromSeconds(30);
    private readonly string _account;
    private readonly CoordinatorSettings _settings;
    private readonly IActorRef _sessions;
    private readonly IActorRef _ledger;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, SessionInfo> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SessionOpened> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SessionOpened> _closed = new(StringComparer.Ordinal);
    private long _opened;

    /// <param name="account">The gamer account whose sessions these are (the entity id).</param>
    /// <param name="settings">The coordinator's settings.</param>
    /// <param name="sessions">Where <see cref="SessionEntity"/> messages go: the session shard region.</param>
    /// <param name="ledger">The ledger, which answers balance queries.</param>
    public GamerSessions(string account, CoordinatorSettings settings, IActorRef sessions, IActorRef ledger)
    {
        _account = account;
        _settings = settings;
        _sessions = sessions;
        _ledger = ledger;
        Recover<SessionOpened>(Opened);
        Recover<SessionClosed>(closed => Close(closed.SessionId));

        Command<GamerCommand>(command => command.Account == _account, OnGamer);
        Command<GamerCommand>(command => _log.Warning("Account {0} was sent a command of {1}; ignored", _account, command.Account));
        Command<SessionReport>(report => report.Info.Account == _account && Owns(report.Info.SessionId), report => _known[report.Info.SessionId] = report.Info);
        Command<SessionReport>(_ => { });
    }

    public override string PersistenceId => PersistenceIdOf(_account);

    public static Props Props(string account, CoordinatorSettings settings, IActorRef sessions, IActorRef ledger) =>
        Akka.Actor.Props.Create(() => new GamerSessions(account, settings, sessions, ledger));

    public static string PersistenceIdOf(string account) => "gamer-" + account;

    private void OnGamer(GamerCommand command)
    {
        var gamer = Sender;
        switch (command.Request)
        {
            case StartSession start:
                var ticks = start.TicksPerSecond > 0 ? start.TicksPerSecond : _settings.TicksPerSecond;
                Persist(new SessionOpened($"s{_opened + 1}-{Guid.NewGuid().ToString("N")[..8]}", _account, ticks), opened =>
                {
                    Opened(opened);
                    _known[opened.SessionId] = new SessionInfo(opened.SessionId, _account, true, 0, SessionCounters.Zero, "");
                    _sessions.Tell(new OpenSession(opened.SessionId, _account, ticks, gamer), gamer);
                });
                break;
            case ResumeSession resume when _open.ContainsKey(resume.SessionId):
                _sessions.Tell(new SessionCommand(resume.SessionId, _account, resume), gamer);
                break;
            case EndSession end when _open.ContainsKey(end.SessionId):
                Persist(new SessionClosed(end.SessionId), closed =>
                {
                    Close(closed.SessionId);
                    _sessions.Tell(new SessionCommand(closed.SessionId, _account, end), gamer);
                });
                break;
            case QuerySession query when _open.ContainsKey(query.SessionId):
                _sessions.Tell(new SessionCommand(query.SessionId, _account, query), gamer);
                break;
            case QuerySession query when _closed.ContainsKey(query.SessionId) && _known.TryGetValue(query.SessionId, out var info):
                gamer.Tell(info with { Active = false }, Self);
                break;
            case ListSessions:
                gamer.Tell(new SessionList([.. _known.Values.OrderBy(s => s.SessionId, StringComparer.Ordinal)]), Self);
                break;
            case QueryInputLog query when Owns(query.SessionId):
                SendInputLog(_open.GetValueOrDefault(query.SessionId) ?? _closed[query.SessionId], gamer);
                break;
            case QueryBalance:
                _ledger.Tell(new QueryGamerBalance(_account), gamer);
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
                _log.Warning("A gamer of {0} sent {1}, which is not a session command", _account, command.Request.GetType().Name);
                break;
        }
    }

    /// <summary>Whether this account opened <paramref name="sessionId"/> (open or ended).</summary>
    private bool Owns(string sessionId) => _open.ContainsKey(sessionId) || _closed.ContainsKey(sessionId);

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
}
