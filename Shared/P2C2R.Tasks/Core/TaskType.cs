namespace P2C2R.Tasks;

/// <summary>
/// The identity and limits of one kind of task. The id and version travel with every task, so a
/// coordinator never compares results computed by different versions of an algorithm; the size
/// limits are enforced before a byte of input is decoded and again on the output.
/// </summary>
public sealed record TaskType(string Id, int Version, int MaxInputBytes, int MaxOutputBytes)
{
    public override string ToString() => $"{Id}@{Version}";
}
