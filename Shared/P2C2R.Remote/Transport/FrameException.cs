namespace P2C2R.Remote.Transport;

/// <summary>A frame that breaks the protocol; the connection it came on is closed with this reason.</summary>
public sealed class FrameException(string reason) : Exception(reason);
