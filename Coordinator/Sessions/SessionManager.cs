using Microsoft.Extensions.Logging;
using P2C2R.Actors;
using P2C2R.Protocol;

namespace P2C2R.Coordinator.Sessions;

/// <summary>
/// Starts, finds, resumes and ends sessions; one child <see cref="Session"/> per gamer session.
/// Supervision: a session that throws is restarted on its own (one-for-one), so a bug triggered
/// by one gamer never touches another session, the helpers or the scheduler; a session failing
/// more than 10 times a minute is stopped rather than left looping.
/// </summary>
public sealed class SessionManager : ReceiveActor
{
    private readonly Dictionary<string, SessionInfo> _known = new(StringComparer.Ordinal);
    private long _next;

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(10, TimeSpan.FromMinutes(1), _ => Directive.Restart);

    public SessionManager(CoordinatorSettings settings, IActorRef scheduler, IActorRef registry)
    {
        Receive<StartSession>(start =>
        {
            var id = $"s{++_next}-{Guid.NewGuid().ToString("N")[..8]}";
            var ticks = start.TicksPerSecond > 0 ? start.TicksPerSecond : settings.TicksPerSecond;
            Context.ActorOf(Props.Create(() => new Session(id, start.Account, ticks, start.Gamer, settings, scheduler, registry)), id);
            _known[id] = new SessionInfo(id, start.Account, true, 0, new SessionCounters(0, 0, 0, 0, 0, 0, 0, 0));
            Log.LogInformation("Session {Id} started for {Account} at {Ticks} ticks/s", id, start.Account, ticks);
        });
        Receive<ResumeSession>(resume => WithSession(resume.SessionId, session => session.Tell(new AttachGamer(resume.Gamer), Self), resume.Gamer));
        Receive<EndSession>(end =>
        {
            var requester = Sender;
            WithSession(end.SessionId, session => session.Tell(new StopSession(requester), Self), requester);
        });
        Receive<QuerySession>(query =>
        {
            if (_known.TryGetValue(query.SessionId, out var info))
            {
                Sender.Tell(info, Self);
            }
            else
            {
                Sender.Tell(new SessionNotFound(query.SessionId), Self);
            }
        });
        Receive<ListSessions>(_ => Sender.Tell(new SessionList([.. _known.Values.OrderBy(s => s.SessionId, StringComparer.Ordinal)]), Self));
        Receive<SessionReport>(report => _known[report.Info.SessionId] = report.Info);
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
}
