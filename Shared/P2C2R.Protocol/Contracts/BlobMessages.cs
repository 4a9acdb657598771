using MessagePack;

namespace P2C2R.Protocol.Contracts;

/// <summary>
/// Helper → coordinator: send me these blobs (SHA-256 digests, 32 bytes each) that a task
/// referenced and my cache lacks.
/// </summary>
[MessagePackObject]
public sealed record BlobRequest([property: Key(0)] byte[][] Digests) : IEdgeMessage;

/// <summary>
/// Coordinator → helper: a content-addressed blob. The helper refuses one whose SHA-256 is not
/// <see cref="Digest"/> (and closes the connection: the sender is broken or hostile).
/// </summary>
[MessagePackObject]
public sealed record BlobData(
    [property: Key(0)] byte[] Digest,
    [property: Key(1)] byte[] Content) : IEdgeMessage;
