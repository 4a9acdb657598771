using P2C2R.Protocol.Contracts;

namespace P2C2R.Benchmarks.Edge;

/// <summary>
/// The conversation both echo servers hold, in real edge messages a helper and a coordinator may
/// send each other: the client sends <c>helper.load [sequence, mode]</c>; the server answers
/// <c>helper.credit [sequence, 0, 0]</c> to every round-trip message, and to every
/// <see cref="AckEvery"/>-th one-way message, which paces the sender with a window. Both frames
/// are a few bytes of body: the figure is the per-message cost of the path, not of bandwidth.
/// </summary>
public static class EchoProtocol
{
    public const int RoundTrip = 0;
    public const int OneWay = 1;

    /// <summary>One-way messages per acknowledgement.</summary>
    public const int AckEvery = 1000;

    /// <summary>
    /// Acknowledgements a one-way sender may wait for at once: 4,000 messages in flight, below the
    /// edge client's outbound queue of 8,192 (a full queue closes the connection as a slow consumer).
    /// </summary>
    public const int WindowChunks = 4;

    public static bool Answers(HelperLoad load) => load.Capacity == RoundTrip || load.Active % AckEvery == 0;

    public static CreditUpdate Reply(HelperLoad load) => new(load.Active, 0, 0);
}
