using Akka.Actor;
using MessagePack;
using P2C2R.Coordinator.Serialization;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Sessions;

/// <summary>
/// Edge → the gamer's account (<see cref="GamerSessions"/>, a sharded entity): a gamer
/// connection's request (<see cref="StartSession"/>, <see cref="ResumeSession"/>,
/// <see cref="EndSession"/>, <see cref="QuerySession"/>, <see cref="ListSessions"/>,
/// <see cref="QueryInputLog"/>, <see cref="QueryBalance"/>), sent with the connection as sender.
/// <paramref name="Account"/> is the one the handshake proved: it names the entity, so a gamer only
/// ever reaches its own account, which answers another account's session exactly like a missing
/// one (<see cref="SessionNotFound"/>).
/// </summary>
[MessagePackObject]
public sealed record GamerCommand(
    [property: Key(0)] string Account,
    [property: Key(1)] IEdgeMessage Request) : ICoordinatorMessage;

/// <summary>
/// Session → gamer connection, when a session is started or resumed for it: from now on the
/// session streams <see cref="FrameUpdate"/>s to the connection, and the connection sends
/// <see cref="PlayerInput"/> to <paramref name="Session"/>. The edge tells its gamer
/// <see cref="SessionStarted"/>, with <paramref name="LastInput"/>: the highest input sequence the
/// session has applied, which the gamer's inputs must exceed to be heard.
/// </summary>
[MessagePackObject]
public sealed record SessionAttached(
    [property: Key(0)] string SessionId,
    [property: Key(1)] IActorRef Session,
    [property: Key(2)] int TicksPerSecond,
    [property: Key(3)] long LastInput = 0) : ICoordinatorMessage;
