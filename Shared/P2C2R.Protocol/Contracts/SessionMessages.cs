using MessagePack;

namespace P2C2R.Protocol.Contracts;

/// <summary>
/// Counters a session reports with every frame, so a gamer (and an operator) sees how the frame
/// was made and what it cost the cloud. <see cref="HelperComputed"/> counts tasks whose output
/// came from helpers without the coordinator computing them; <see cref="CoordinatorComputed"/>
/// counts tasks the coordinator computed in full (fallbacks, settling a disagreement, spot
/// checks). CPU is the coordinator's thread time spent for this session (playing the world,
/// assembling frames, verifying and computing its tasks); bytes are what the edge carried for it.
/// </summary>
[MessagePackObject]
public sealed record SessionCounters(
    [property: Key(0)] long Ticks,
    [property: Key(1)] long Frames,
    [property: Key(2)] long TasksTotal,
    [property: Key(3)] long HelperComputed,
    [property: Key(4)] long ValidationRejects,
    [property: Key(5)] long CoordinatorComputed,
    [property: Key(6)] int Helpers,
    [property: Key(7)] long LateTicks,
    [property: Key(8)] long CoordinatorCpuMicros = 0,
    [property: Key(9)] long HelperBytes = 0,
    [property: Key(10)] long GamerBytes = 0)
{
    public static SessionCounters Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);
}

/// <summary>Gamer → coordinator: start a session of my account, streaming to this connection (0 ticks/s: the coordinator's default).</summary>
[MessagePackObject]
public sealed record StartSession([property: Key(0)] int TicksPerSecond) : IEdgeMessage;

/// <summary>Gamer → coordinator: stream an existing session of my account to this connection again.</summary>
[MessagePackObject]
public sealed record ResumeSession([property: Key(0)] string SessionId) : IEdgeMessage;

/// <summary>
/// Coordinator → gamer: the session now streams to this connection; input goes to it from now on.
/// <see cref="LastInput"/> is the highest input sequence the session has applied (0 before any):
/// the session ignores inputs at or below it, so a gamer resuming from a new process, which
/// remembers no sequence of its own, numbers its inputs on from it.
/// </summary>
[MessagePackObject]
public sealed record SessionStarted(
    [property: Key(0)] string SessionId,
    [property: Key(1)] int TicksPerSecond,
    [property: Key(2)] long LastInput = 0) : IEdgeMessage;

/// <summary>Gamer → coordinator: pressed keys as a bit set, numbered so none is applied twice.</summary>
[MessagePackObject]
public sealed record PlayerInput(
    [property: Key(0)] long Sequence,
    [property: Key(1)] int Keys) : IEdgeMessage;

/// <summary>
/// Coordinator → gamer: one frame, a DEFLATE stream of the RGB frame (or of its delta against the
/// previous frame), with the tick it shows, when that tick started on the coordinator, and the
/// game's caption for it (a villager speaking; empty for none).
/// </summary>
[MessagePackObject]
public sealed record FrameUpdate(
    [property: Key(0)] long Tick,
    [property: Key(1)] int Width,
    [property: Key(2)] int Height,
    [property: Key(3)] bool KeyFrame,
    [property: Key(4)] byte[] Deflate,
    [property: Key(5)] long TickStartedUnixMicros,
    [property: Key(6)] SessionCounters Counters,
    [property: Key(7)] string Caption = "") : IEdgeMessage;

/// <summary>Gamer → coordinator: end a session of my account.</summary>
[MessagePackObject]
public sealed record EndSession([property: Key(0)] string SessionId) : IEdgeMessage;

/// <summary>Coordinator → gamer: the session is over, with its final counters.</summary>
[MessagePackObject]
public sealed record SessionEnded(
    [property: Key(0)] string SessionId,
    [property: Key(1)] SessionCounters Counters) : IEdgeMessage;

/// <summary>Gamer → coordinator: the state of one session of my account.</summary>
[MessagePackObject]
public sealed record QuerySession([property: Key(0)] string SessionId) : IEdgeMessage;

/// <summary>Gamer → coordinator: every session of my account.</summary>
[MessagePackObject]
public sealed record ListSessions : IEdgeMessage;

/// <summary>
/// One session as the coordinator knows it; <see cref="WorldDigest"/> is the SHA-256 (hex) of its
/// world state at <see cref="Tick"/>, and <see cref="Node"/> the cluster address of the coordinator
/// node hosting it (empty in a reply from before it was added, or for an ended session).
/// </summary>
[MessagePackObject]
public sealed record SessionInfo(
    [property: Key(0)] string SessionId,
    [property: Key(1)] string Account,
    [property: Key(2)] bool Active,
    [property: Key(3)] long Tick,
    [property: Key(4)] SessionCounters Counters,
    [property: Key(5)] string WorldDigest,
    [property: Key(6)] string Node = "") : IEdgeMessage;

/// <summary>Reply to <see cref="ListSessions"/>.</summary>
[MessagePackObject]
public sealed record SessionList([property: Key(0)] SessionInfo[] Sessions) : IEdgeMessage;

/// <summary>
/// Reply when a session id is unknown, or is another account's: the two are not told apart, so
/// a gamer learns nothing of others' sessions.
/// </summary>
[MessagePackObject]
public sealed record SessionNotFound([property: Key(0)] string SessionId) : IEdgeMessage;

/// <summary>Gamer → coordinator: the credit balance of my account.</summary>
[MessagePackObject]
public sealed record QueryBalance : IEdgeMessage;

/// <summary>Reply to <see cref="QueryBalance"/>: the durable balance, in whole credits.</summary>
[MessagePackObject]
public sealed record AccountBalance(
    [property: Key(0)] string Account,
    [property: Key(1)] long Credits) : IEdgeMessage;

/// <summary>Gamer → coordinator: a session's input log, to replay it.</summary>
[MessagePackObject]
public sealed record QueryInputLog([property: Key(0)] string SessionId) : IEdgeMessage;

/// <summary>
/// Reply to <see cref="QueryInputLog"/>: everything a session's world follows from, namely the
/// game, its seed, tick rate and frame format, and the keys of every tick played, in order.
/// </summary>
[MessagePackObject]
public sealed record InputLog(
    [property: Key(0)] string SessionId,
    [property: Key(1)] string Game,
    [property: Key(2)] ulong Seed,
    [property: Key(3)] int TicksPerSecond,
    [property: Key(4)] int TraceWidth,
    [property: Key(5)] int TraceHeight,
    [property: Key(6)] int FrameWidth,
    [property: Key(7)] int FrameHeight,
    [property: Key(8)] int Bands,
    [property: Key(9)] int[] Keys) : IEdgeMessage;
