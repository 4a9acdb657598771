using P2C2R.Protocol.Contracts;

namespace P2C2R.Edge.Framing;

/// <summary>
/// The peer broke the edge protocol (docs/PROTOCOL.md): the connection is closed with
/// <see cref="Code"/> in a Goodbye. Thrown by framing and decoding so one catch turns any bad byte
/// into a clean close of that connection alone.
/// </summary>
public sealed class EdgeProtocolException(EdgeCloseCode code, string message) : Exception(message)
{
    public EdgeCloseCode Code { get; } = code;
}
