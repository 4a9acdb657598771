using Akka.Actor;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Sessions;

/// <summary>
/// Edge → session manager: a gamer connection's request (<see cref="StartSession"/>,
/// <see cref="ResumeSession"/>, <see cref="EndSession"/>, <see cref="QuerySession"/>,
/// <see cref="ListSessions"/>, <see cref="QueryInputLog"/>, <see cref="QueryBalance"/>), sent with
/// the connection as sender. <paramref name="Account"/> is the one the handshake proved; the
/// manager checks it on every operation, and answers another account's session exactly like a
/// missing one (<see cref="SessionNotFound"/>).
/// </summary>
public sealed record GamerCommand(string Account, IEdgeMessage Request);

/// <summary>
/// Session → gamer connection, when a session is started or resumed for it: from now on the
/// session streams <see cref="FrameUpdate"/>s to the connection, and the connection sends
/// <see cref="PlayerInput"/> to <paramref name="Session"/>. The edge tells its gamer
/// <see cref="SessionStarted"/>.
/// </summary>
public sealed record SessionAttached(string SessionId, IActorRef Session, int TicksPerSecond);
