using Akka.Actor;
using P2C2R.Coordinator.Sessions;
using P2C2R.Edge.Server;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Edge;

/// <summary>
/// One gamer's connection. Every request goes to the gamer's account (the shard region of
/// <see cref="GamerSessions"/>) as a <see cref="GamerCommand"/> carrying the account the handshake
/// proved, so ownership is decided there and never from anything the gamer wrote. Input goes only
/// to the session attached to this connection, on whichever node it runs; replies, frames and the
/// end of a session go to the wire in the order they come. When the attached session moves (its
/// node left or was lost) the connection resumes it on the gamer's behalf until it is back, so
/// the gamer sees a pause, not an end.
/// </summary>
public sealed class GamerConnection : EdgeConnectionActor
{
    /// <summary>A session's end and its actor's stop may arrive in either order: a stop is taken for a move only after this.</summary>
    private static readonly TimeSpan MoveGrace = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ResumeEvery = TimeSpan.FromSeconds(2);
    private const int MaxResumes = 30;
    private readonly IActorRef _gamers;
    private IActorRef? _session;
    private string? _sessionId;
    private int _resumes;

    public GamerConnection(EdgePeer peer, IEdgeOutbound outbound, IActorRef gamers) : base(peer, outbound)
    {
        _gamers = gamers;
        Receive<PlayerInput>(input => _session?.Tell(input, Self));
        Receive<SessionAttached>(attached =>
        {
            Follow(attached.Session);
            _sessionId = attached.SessionId;
            _resumes = 0;
            Timers.Cancel("resume");
            Send(new SessionStarted(attached.SessionId, attached.TicksPerSecond));
        });
        Receive<SessionEnded>(ended =>
        {
            if (ended.SessionId == _sessionId)
            {
                Follow(null);
                _sessionId = null;
                Timers.Cancel("resume");
            }

            Send(ended);
        });
        Receive<SessionMoved>(moved => moved.SessionId == _sessionId, _ => Moved(TimeSpan.Zero));
        Receive<SessionMoved>(_ => { });
        Receive<Terminated>(terminated => terminated.ActorRef.Equals(_session), _ => Moved(MoveGrace));
        Receive<Terminated>(_ => { });
        Receive<ResumeDue>(_ => Resume());
        Receive<IEdgeMessage>(IsRequest, request => _gamers.Tell(new GamerCommand(Peer.Account, request), Self));
        Receive<IEdgeMessage>(reply => Send(reply));
    }

    private static bool IsRequest(IEdgeMessage message) => message is StartSession or ResumeSession or EndSession
        or QuerySession or ListSessions or QueryInputLog or QueryBalance;

    /// <summary>Watches the session now streaming here, so its loss (with its node) is noticed.</summary>
    private void Follow(IActorRef? session)
    {
        if (_session is not null)
        {
            Context.Unwatch(_session);
        }

        _session = session;
        if (session is not null)
        {
            Context.Watch(session);
        }
    }

    private void Moved(TimeSpan after)
    {
        Follow(null);
        Timers.StartSingleTimer("resume", ResumeDue.Instance, after);
    }

    /// <summary>Asks for the session again until it is attached (the cluster starts it on another node), within a bound.</summary>
    private void Resume()
    {
        if (_sessionId is null || _session is not null || _resumes++ >= MaxResumes)
        {
            return;
        }

        _gamers.Tell(new GamerCommand(Peer.Account, new ResumeSession(_sessionId)), Self);
        Timers.StartSingleTimer("resume", ResumeDue.Instance, ResumeEvery);
    }

    private sealed record ResumeDue
    {
        public static ResumeDue Instance { get; } = new();
    }
}
