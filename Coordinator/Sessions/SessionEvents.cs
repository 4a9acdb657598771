using MessagePack;
using P2C2R.Coordinator.Persistence;

namespace P2C2R.Coordinator.Sessions;

/// <summary>
/// Journalled before tick <see cref="Tick"/> is played: from that tick on the world plays
/// <see cref="Keys"/>, and the session may play up to (not including) <see cref="Until"/>
/// without another write. A later event starting before <see cref="Until"/> cuts the run there
/// (the keys changed, or the session paused with <c>Until == Tick</c>), so each tick has exactly
/// one entry: the keys of the last event starting at or before it.
/// </summary>
[MessagePackObject]
public sealed record KeysFrom(
    [property: Key(0)] long Tick,
    [property: Key(1)] int Keys,
    [property: Key(2)] long LastInput,
    [property: Key(3)] long Until) : ICoordinatorEvent;

/// <summary>A session's state after a tick: its world's snapshot, where the gamer's input stood, and how far the journal lets it play.</summary>
[MessagePackObject]
public sealed record SessionSnapshot(
    [property: Key(0)] byte[] World,
    [property: Key(1)] int Keys,
    [property: Key(2)] long LastInput,
    [property: Key(3)] long Until) : ICoordinatorEvent;

/// <summary>Journalled by the session manager: a session exists from this event on.</summary>
[MessagePackObject]
public sealed record SessionOpened(
    [property: Key(0)] string SessionId,
    [property: Key(1)] string Account,
    [property: Key(2)] int TicksPerSecond) : ICoordinatorEvent;

/// <summary>Journalled by the session manager: the session is over and is not recovered.</summary>
[MessagePackObject]
public sealed record SessionClosed([property: Key(0)] string SessionId) : ICoordinatorEvent;
