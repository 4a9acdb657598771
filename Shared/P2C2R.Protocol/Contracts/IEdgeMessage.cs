namespace P2C2R.Protocol.Contracts;

/// <summary>
/// A message of the edge protocol (docs/PROTOCOL.md): a MessagePack body whose type travels as
/// the frame's numeric code from <see cref="EdgeMessageTable"/>, never as a CLR name. The
/// coordinator's Akka serializer writes the same types with the same formatter, so one layout
/// holds on the edge and between coordinator nodes.
/// </summary>
public interface IEdgeMessage;
