using P2C2R.Protocol.Contracts;

namespace P2C2R.Edge.Server;

/// <summary>
/// The sending half of one edge connection, handed to its actor. Sending never blocks the actor: a
/// message goes into a bounded queue that the socket drains; a queue that fills up means the peer
/// does not read, and the connection is closed (<see cref="EdgeCloseCode.SlowConsumer"/>) rather
/// than the coordinator buffering without bound.
/// </summary>
public interface IEdgeOutbound
{
    /// <summary>The last measured heartbeat round trip, null before the first Pong.</summary>
    TimeSpan? RoundTrip { get; }

    /// <summary>Messages queued and not yet written to the socket (for flow control by the sender).</summary>
    int Queued { get; }

    /// <summary>Whether the connection is closing or closed; sends then fail.</summary>
    bool IsClosed { get; }

    /// <summary>Queues <paramref name="message"/>; false when the connection is closed or its queue was full (which closes it).</summary>
    bool TrySend(IEdgeMessage message);

    /// <summary>
    /// Sends Goodbye with <paramref name="code"/> and closes. After a <see cref="EdgeCloseCode.Normal"/>
    /// or <see cref="EdgeCloseCode.ShuttingDown"/> close what is queued goes out first; any other code drops it.
    /// </summary>
    void Close(EdgeCloseCode code, string reason);
}
