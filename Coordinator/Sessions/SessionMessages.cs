using Akka.Actor;
using MessagePack;
using P2C2R.Coordinator.Serialization;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Sessions;

/// <summary>
/// A gamer's account → the session's entity, wherever in the cluster it lives: open this session
/// for <paramref name="Account"/> and stream it to <paramref name="Gamer"/>'s connection.
/// </summary>
[MessagePackObject]
public sealed record OpenSession(
    [property: Key(0)] string SessionId,
    [property: Key(1)] string Account,
    [property: Key(2)] int TicksPerSecond,
    [property: Key(3)] IActorRef Gamer) : ICoordinatorMessage;

/// <summary>
/// A gamer's account → the session's entity: a request about one session
/// (<see cref="ResumeSession"/>, <see cref="EndSession"/>, <see cref="QuerySession"/>) on behalf
/// of <paramref name="Account"/>, sent with the gamer's connection as sender. The entity checks the
/// account again, so a session answers only its owner wherever the request came from.
/// </summary>
[MessagePackObject]
public sealed record SessionCommand(
    [property: Key(0)] string SessionId,
    [property: Key(1)] string Account,
    [property: Key(2)] IEdgeMessage Request) : ICoordinatorMessage;

/// <summary>
/// Session → its account (through the entity), every second and at the end: its public state for
/// status and list queries; and, for the operator dashboard, the mean and p95 of its last frames'
/// latency (tick start to frame sent, in milliseconds; 0 before any frame).
/// </summary>
[MessagePackObject]
public sealed record SessionReport(
    [property: Key(0)] SessionInfo Info,
    [property: Key(1)] double FrameMeanMs = 0,
    [property: Key(2)] double FrameP95Ms = 0) : ICoordinatorMessage;

/// <summary>
/// Session → its gamer's connection, when the session stops on this node without ending (its
/// node leaves the cluster and hands it off): the connection resumes it, and the cluster starts it
/// on another node.
/// </summary>
[MessagePackObject]
public sealed record SessionMoved([property: Key(0)] string SessionId) : ICoordinatorMessage;

/// <summary>Entity → session: stream to this gamer from now on.</summary>
internal sealed record AttachGamer(IActorRef Gamer);

/// <summary>Entity → session: end now and tell the gamer and whoever asked.</summary>
internal sealed record StopSession(IActorRef? Requester);

/// <summary>Shard → entity, when its node hands the session to another: pause, cut the journal's lease, and stop.</summary>
public sealed record HandOffSession
{
    public static HandOffSession Instance { get; } = new();
}
