namespace P2C2R.GameSdk;

/// <summary>
/// Where a world gets the output of a task that has come due: the session answers with the
/// validated helper result when one arrived in time, else computes it on the spot; a replay
/// always computes. Either way the bytes are identical, which is why the world cannot tell.
/// </summary>
public interface ITaskResults
{
    byte[] Resolve(GameTask task);
}
