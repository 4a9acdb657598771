namespace P2C2R.GameSdk;

/// <summary>
/// A task a world planned: context-free input for one executor (the helper sees only this),
/// and the tick whose play needs its output. <see cref="Id"/> is unique within the world.
/// </summary>
public sealed record GameTask(long Id, string Type, byte[] Input, long DueTick);
