using P2C2R.Protocol.Contracts;

namespace P2C2R.Edge.Client;

/// <summary>To the handler: the handshake with <paramref name="Coordinator"/> passed; wire messages follow.</summary>
public sealed record EdgeConnected(Welcome Welcome, CoordinatorAddress Coordinator);

/// <summary>
/// To the handler: the connection is gone (<paramref name="Code"/> is the Goodbye code sent or
/// received, null when it was lost without one). The client is already dialing again.
/// </summary>
public sealed record EdgeDisconnected(string Reason, EdgeCloseCode? Code);

/// <summary>To the handler: one attempt to reach <paramref name="Coordinator"/> failed; the client tries the next one.</summary>
public sealed record EdgeConnectFailed(CoordinatorAddress Coordinator, string Reason, EdgeCloseCode? Code);

/// <summary>To the sender of a wire message that could not be queued because no connection was up.</summary>
public sealed record EdgeUndelivered(IEdgeMessage Message);

/// <summary>Ask the client actor for its <see cref="EdgeStatus"/>.</summary>
public sealed class GetEdgeStatus
{
    private GetEdgeStatus()
    {
    }

    public static GetEdgeStatus Instance { get; } = new();
}

/// <summary>Answer to <see cref="GetEdgeStatus"/>.</summary>
public sealed record EdgeStatus(bool Connected, CoordinatorAddress? Coordinator, string? Account, TimeSpan? RoundTrip);
