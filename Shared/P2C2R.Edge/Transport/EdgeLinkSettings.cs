using P2C2R.Protocol;

namespace P2C2R.Edge.Transport;

/// <summary>
/// What one side of an established edge connection enforces: frame size, queue bound, heartbeat,
/// who the other side is (so only its role's messages pass) and, on the coordinator, the rate limit.
/// </summary>
internal sealed record EdgeLinkSettings(
    int MaxFrameBytes,
    int OutboundCapacity,
    TimeSpan Heartbeat,
    int MissedHeartbeats,
    TimeSpan CloseTimeout,
    EdgeSenders RemoteSenders,
    string RemoteName,
    double MessagesPerSecond = 0,
    double Burst = 0);
