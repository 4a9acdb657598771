namespace P2C2R.Coordinator.Sessions;

/// <summary>Journalled before a tick is played: the keys it applies and the last input they came from.</summary>
public sealed record TickPlayed(long Tick, int Keys, long LastInput);

/// <summary>A session's state after a tick: its world's snapshot and where the gamer's input stood.</summary>
public sealed record SessionSnapshot(byte[] World, int Keys, long LastInput);

/// <summary>Journalled by the session manager: a session exists from this event on.</summary>
public sealed record SessionOpened(string SessionId, string Account, int TicksPerSecond);

/// <summary>Journalled by the session manager: the session is over and is not recovered.</summary>
public sealed record SessionClosed(string SessionId);
