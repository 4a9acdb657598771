using P2C2R.Actors;

namespace P2C2R.Protocol;

/// <summary>Counters a session reports with every frame, so a gamer sees how the frame was made.</summary>
public sealed record SessionCounters(long Ticks, long Frames, long TasksTotal, long HelperTasks, long ValidationRejects, long LocalFallbacks, int Helpers, long LateTicks);

/// <summary>Gamer → session manager: start a session streaming to <paramref name="Gamer"/>.</summary>
public sealed record StartSession(IActorRef Gamer, string Account, int TicksPerSecond);

/// <summary>Gamer → session manager: stream an existing session to <paramref name="Gamer"/> again.</summary>
public sealed record ResumeSession(string SessionId, IActorRef Gamer);

/// <summary>Session manager → gamer: the session and the ref to send input to.</summary>
public sealed record SessionStarted(string SessionId, IActorRef Session, int TicksPerSecond);

/// <summary>Gamer → session: pressed keys as a bit set, numbered so none is applied twice.</summary>
public sealed record PlayerInput(long Sequence, int Keys);

/// <summary>
/// Session → gamer: one frame, a DEFLATE stream of the RGB frame (or of its delta against the
/// previous frame), with the tick it shows, when that tick started on the coordinator, and the
/// game's caption for it (a villager speaking; empty for none).
/// </summary>
public sealed record FrameUpdate(long Tick, int Width, int Height, bool KeyFrame, byte[] Deflate, long TickStartedUnixMicros, SessionCounters Counters, string Caption = "");

/// <summary>Gamer → session manager: end a session.</summary>
public sealed record EndSession(string SessionId);

/// <summary>Session → gamer: the session is over, with its final counters.</summary>
public sealed record SessionEnded(string SessionId, SessionCounters Counters);

/// <summary>Gamer → session manager: the state of one session.</summary>
public sealed record QuerySession(string SessionId);

/// <summary>Gamer → session manager: every session of the coordinator.</summary>
public sealed record ListSessions;

/// <summary>One session as the manager knows it; <paramref name="WorldDigest"/> is the SHA-256 (hex) of its world state at <paramref name="Tick"/>.</summary>
public sealed record SessionInfo(string SessionId, string Account, bool Active, long Tick, SessionCounters Counters, string WorldDigest);

/// <summary>Reply to <see cref="ListSessions"/>.</summary>
public sealed record SessionList(SessionInfo[] Sessions);

/// <summary>Reply when a session id is unknown.</summary>
public sealed record SessionNotFound(string SessionId);

/// <summary>Gamer → session manager: the credit balance of an account (gamers pay, helpers earn).</summary>
public sealed record QueryBalance(string Account);

/// <summary>Reply to <see cref="QueryBalance"/>: the durable balance, in whole credits.</summary>
public sealed record AccountBalance(string Account, long Credits);

/// <summary>Gamer → session manager: a session's input log, to replay it.</summary>
public sealed record QueryInputLog(string SessionId);

/// <summary>
/// Reply to <see cref="QueryInputLog"/>: everything a session's world follows from, namely the
/// game, its seed, tick rate and frame format, and the keys of every tick played, in order.
/// </summary>
public sealed record InputLog(string SessionId, string Game, ulong Seed, int TicksPerSecond, int TraceWidth, int TraceHeight, int FrameWidth, int FrameHeight, int Bands, int[] Keys);
