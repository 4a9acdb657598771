using MessagePack;
using P2C2R.Coordinator.Persistence;

namespace P2C2R.Coordinator.Sessions;

/// <summary>Journalled before a tick is played: the keys it applies and the last input they came from.</summary>
[MessagePackObject]
public sealed record TickPlayed(
    [property: Key(0)] long Tick,
    [property: Key(1)] int Keys,
    [property: Key(2)] long LastInput) : ICoordinatorEvent;

/// <summary>A session's state after a tick: its world's snapshot and where the gamer's input stood.</summary>
[MessagePackObject]
public sealed record SessionSnapshot(
    [property: Key(0)] byte[] World,
    [property: Key(1)] int Keys,
    [property: Key(2)] long LastInput) : ICoordinatorEvent;

/// <summary>Journalled by the session manager: a session exists from this event on.</summary>
[MessagePackObject]
public sealed record SessionOpened(
    [property: Key(0)] string SessionId,
    [property: Key(1)] string Account,
    [property: Key(2)] int TicksPerSecond) : ICoordinatorEvent;

/// <summary>Journalled by the session manager: the session is over and is not recovered.</summary>
[MessagePackObject]
public sealed record SessionClosed([property: Key(0)] string SessionId) : ICoordinatorEvent;
