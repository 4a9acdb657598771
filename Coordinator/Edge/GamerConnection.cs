using Akka.Actor;
using P2C2R.Coordinator.Sessions;
using P2C2R.Edge.Server;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Edge;

/// <summary>
/// One gamer's connection. Every request goes to the session manager as a
/// <see cref="GamerCommand"/> carrying the account the handshake proved, so ownership is decided
/// there and never from anything the gamer wrote. Input goes only to the session attached to this
/// connection; replies, frames and the end of a session go to the wire in the order they come.
/// </summary>
public sealed class GamerConnection : EdgeConnectionActor
{
    private readonly IActorRef _sessions;
    private IActorRef? _session;
    private string? _sessionId;

    public GamerConnection(EdgePeer peer, IEdgeOutbound outbound, IActorRef sessions) : base(peer, outbound)
    {
        _sessions = sessions;
        Receive<PlayerInput>(input => _session?.Tell(input, Self));
        Receive<SessionAttached>(attached =>
        {
            _session = attached.Session;
            _sessionId = attached.SessionId;
            Send(new SessionStarted(attached.SessionId, attached.TicksPerSecond));
        });
        Receive<SessionEnded>(ended =>
        {
            if (ended.SessionId == _sessionId)
            {
                _session = null;
                _sessionId = null;
            }

            Send(ended);
        });
        Receive<IEdgeMessage>(IsRequest, request => _sessions.Tell(new GamerCommand(Peer.Account, request), Self));
        Receive<IEdgeMessage>(reply => Send(reply));
    }

    private static bool IsRequest(IEdgeMessage message) => message is StartSession or ResumeSession or EndSession
        or QuerySession or ListSessions or QueryInputLog or QueryBalance;
}
