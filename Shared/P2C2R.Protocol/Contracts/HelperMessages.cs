using MessagePack;

namespace P2C2R.Protocol.Contracts;

/// <summary>
/// What a helper offers, measured on the helper at start (<c>FrameMs</c> is its self-test's
/// whole-frame time). The coordinator sizes and routes work by it. The account is not here: it
/// is the connection's, proven by the handshake. A helper that <see cref="Donate"/>s gives its
/// earnings to the community fund instead of its account. <c>BlobCacheBytes</c> is the size of its
/// blob cache, so the coordinator can model what the helper still holds (0: unknown). A helper
/// whose <c>PublicName</c> is set lets the coordinator's public community page show its name; any
/// other (and every helper older than this field) is listed there anonymously.
/// </summary>
[MessagePackObject]
public sealed record HelperCapabilities(
    [property: Key(0)] string Name,
    [property: Key(1)] int Cores,
    [property: Key(2)] long MemoryBytes,
    [property: Key(3)] string[] TaskTypes,
    [property: Key(4)] double FrameMs,
    [property: Key(5)] int Concurrency,
    [property: Key(6)] bool Donate = false,
    [property: Key(7)] long BlobCacheBytes = 0,
    [property: Key(8)] bool PublicName = false);

/// <summary>Helper → coordinator, once after the handshake: "send me work".</summary>
[MessagePackObject]
public sealed record RegisterHelper([property: Key(0)] HelperCapabilities Capabilities) : IEdgeMessage;

/// <summary>Coordinator → helper: accepted, with its id and the credits its account holds.</summary>
[MessagePackObject]
public sealed record HelperAccepted(
    [property: Key(0)] long HelperId,
    [property: Key(1)] long Credits) : IEdgeMessage;

/// <summary>Helper → coordinator, every second: how busy it is.</summary>
[MessagePackObject]
public sealed record HelperLoad(
    [property: Key(0)] int Active,
    [property: Key(1)] int Capacity) : IEdgeMessage;

/// <summary>
/// Coordinator → helper: one task, with the milliseconds it has before the result is useless.
/// Large parts of the input that the helper holds already (a scene, a light field, a frame it
/// computed) travel as <see cref="Splices"/>: the executor's input is <see cref="Input"/> with
/// each splice's blob inserted at its offset, so per tick only what changed crosses the wire.
/// The helper resolves digests from its cache and asks with <see cref="BlobRequest"/> for those
/// it lacks (docs/PROTOCOL.md §7).
/// </summary>
[MessagePackObject]
public sealed record AssignTask(
    [property: Key(0)] long TaskId,
    [property: Key(1)] string TaskType,
    [property: Key(2)] byte[] Input,
    [property: Key(3)] int DeadlineMs,
    [property: Key(4)] BlobSplice[]? Splices = null) : IEdgeMessage;

/// <summary>
/// A blob inserted into a task's input at <see cref="Offset"/> (a byte offset into the inline
/// input; offsets never decrease, and equal offsets insert in order).
/// </summary>
[MessagePackObject]
public sealed record BlobSplice(
    [property: Key(0)] int Offset,
    [property: Key(1)] byte[] Digest);

/// <summary>How a task ended on a helper.</summary>
public enum TaskResultStatus
{
    Ok = 0,
    InvalidInput = 1,
    Failed = 2,
    HandedBack = 3,
}

/// <summary>Helper → coordinator: the outcome of an <see cref="AssignTask"/>.</summary>
[MessagePackObject]
public sealed record TaskResult(
    [property: Key(0)] long TaskId,
    [property: Key(1)] TaskResultStatus Status,
    [property: Key(2)] byte[]? Output,
    [property: Key(3)] string? Reason,
    [property: Key(4)] long ElapsedMicros) : IEdgeMessage;

/// <summary>Coordinator → helper, after validated results: what it has earned.</summary>
[MessagePackObject]
public sealed record CreditUpdate(
    [property: Key(0)] long Credits,
    [property: Key(1)] long Validated,
    [property: Key(2)] long Rejected) : IEdgeMessage;

/// <summary>
/// Coordinator → helper: reconnect to the coordinator node whose edge is <see cref="Address"/>
/// (<c>host:port</c>), because that node's sessions need helpers more than this one's. The helper
/// dials that address first and then its usual list; what it had in flight here is lost to this
/// node, which falls back as when any helper leaves. Only <c>host:port</c> is accepted: a helper
/// trusts it as it trusts its coordinators, since only a coordinator may send it.
/// </summary>
[MessagePackObject]
public sealed record HelperMove([property: Key(0)] string Address) : IEdgeMessage;
