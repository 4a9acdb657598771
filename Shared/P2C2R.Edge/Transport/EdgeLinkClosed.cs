using P2C2R.Protocol.Contracts;

namespace P2C2R.Edge.Transport;

/// <summary>
/// How an edge connection ended. <see cref="Code"/> is the Goodbye code that was sent or
/// received, null when the connection was lost without one; <see cref="Abandoned"/> says the
/// last bytes could not be delivered within the close timeout, so the socket must be torn down.
/// </summary>
internal readonly record struct EdgeLinkClosed(EdgeCloseCode? Code, string Reason, bool ByRemote, bool Abandoned);
