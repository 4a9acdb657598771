using Akka.Actor;
using P2C2R.Coordinator.Sessions;
using P2C2R.Coordinator.Web.Login;
using P2C2R.Edge.Server;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Edge;

/// <summary>
/// One gamer's connection. Every request goes to the gamer's account (the shard region of
/// <see cref="GamerSessions"/>) as a <see cref="GamerCommand"/> carrying the account the handshake
/// proved, so ownership is decided there and never from anything the gamer wrote. Input goes only
/// to the session attached to this connection, on whichever node it runs; replies, frames and the
/// end of a session go to the wire in the order they come.
/// A resume is the request a node's loss endangers: sent while the cluster has not yet moved the
/// shards of a lost node, it is lost with that node. So the connection asks again until the
/// session is attached or found missing, and when the attached session itself moves (its node
/// left or was lost) it resumes it on the gamer's behalf, so the gamer sees a pause, not an end.
/// A <see cref="WebLoginRequest"/> is answered with a one-time link to the gamer's own web page.
/// </summary>
public sealed class GamerConnection : EdgeConnectionActor
{
    /// <summary>A session's end and its actor's stop may arrive in either order: a stop is taken for a move only after this.</summary>
    private static readonly TimeSpan MoveGrace = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ResumeEvery = TimeSpan.FromMilliseconds(500);

    /// <summary>Resumes asked before giving up: longer than the cluster takes to move a lost node's sessions.</summary>
    private const int MaxResumes = 60;
    private readonly IActorRef _gamers;
    private IActorRef? _session;
    private string? _sessionId;
    private string? _resuming;
    private int _resumes;

    public GamerConnection(EdgePeer peer, IEdgeOutbound outbound, IActorRef gamers, LoginLinks? links = null) : base(peer, outbound)
    {
        _gamers = gamers;
        Receive<WebLoginRequest>(_ => Send(LoginLinks.Answer(links, Peer)));
        Receive<PlayerInput>(input => _session?.Tell(input, Self));
        Receive<ResumeSession>(resume => StartResuming(resume.SessionId, TimeSpan.Zero));
        Receive<SessionAttached>(attached =>
        {
            Follow(attached.Session);
            _sessionId = attached.SessionId;
            StopResuming();
            Send(new SessionStarted(attached.SessionId, attached.TicksPerSecond, attached.LastInput));
        });
        Receive<SessionEnded>(ended =>
        {
            if (ended.SessionId == _sessionId)
            {
                Follow(null);
                _sessionId = null;
            }

            if (ended.SessionId == _resuming)
            {
                StopResuming();
            }

            Send(ended);
        });
        Receive<SessionNotFound>(missing =>
        {
            if (missing.SessionId == _resuming)
            {
                StopResuming();
            }

            Send(missing);
        });
        Receive<SessionMoved>(moved => moved.SessionId == _sessionId, moved =>
        {
            Follow(null);
            StartResuming(moved.SessionId, TimeSpan.Zero);
        });
        Receive<SessionMoved>(_ => { });
        Receive<Terminated>(terminated => terminated.ActorRef.Equals(_session), _ =>
        {
            Follow(null);
            StartResuming(_sessionId!, MoveGrace);
        });
        Receive<Terminated>(_ => { });
        Receive<ResumeDue>(_ => Resume());
        Receive<IEdgeMessage>(IsRequest, request => _gamers.Tell(new GamerCommand(Peer.Account, request), Self));
        Receive<IEdgeMessage>(reply => Send(reply));
    }

    private static bool IsRequest(IEdgeMessage message) => message is StartSession or EndSession
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

    private void StartResuming(string sessionId, TimeSpan after)
    {
        _resuming = sessionId;
        _resumes = 0;
        Timers.StartSingleTimer("resume", ResumeDue.Instance, after);
    }

    private void StopResuming()
    {
        _resuming = null;
        Timers.Cancel("resume");
    }

    /// <summary>Asks for the session again until it is attached or found missing (the cluster may be moving it), within a bound.</summary>
    private void Resume()
    {
        if (_resuming is null || _resumes++ >= MaxResumes)
        {
            _resuming = null;
            return;
        }

        _gamers.Tell(new GamerCommand(Peer.Account, new ResumeSession(_resuming)), Self);
        Timers.StartSingleTimer("resume", ResumeDue.Instance, ResumeEvery);
    }

    private sealed record ResumeDue
    {
        public static ResumeDue Instance { get; } = new();
    }
}
