namespace P2C2R.MessagePack;

/// <summary>
/// Input that is not valid MessagePack, or not what the reader expected. <see cref="Offset"/> is
/// the byte position in the input where reading failed, so a bad frame can be reported exactly.
/// </summary>
public sealed class WireFormatException(string message, long offset)
    : Exception($"{message} (at byte {offset})")
{
    public long Offset { get; } = offset;

    public string Reason { get; } = message;
}
