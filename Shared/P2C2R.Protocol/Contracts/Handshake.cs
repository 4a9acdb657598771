using MessagePack;

namespace P2C2R.Protocol.Contracts;

/// <summary>
/// Coordinator → client, first frame of every connection: the protocol version it speaks and a
/// fresh random nonce the client must sign, so a signature can never be replayed on another
/// connection.
/// </summary>
[MessagePackObject]
public sealed record Challenge(
    [property: Key(0)] int ProtocolVersion,
    [property: Key(1)] byte[] Nonce,
    [property: Key(2)] string Coordinator) : IEdgeMessage;

/// <summary>
/// Client → coordinator, answer to <see cref="Challenge"/>: who it is and what it will be.
/// <see cref="PublicKey"/> is the account's ECDSA P-256 key (SubjectPublicKeyInfo, DER) and
/// <see cref="Signature"/> its signature (IEEE P1363, SHA-256) over
/// <see cref="Identity.EdgeIdentityProof"/>'s bytes, so nobody without the private key acts as that account.
/// </summary>
[MessagePackObject]
public sealed record Hello(
    [property: Key(0)] int ProtocolVersion,
    [property: Key(1)] EdgeRole Role,
    [property: Key(2)] byte[] PublicKey,
    [property: Key(3)] byte[] Signature,
    [property: Key(4)] string Name,
    [property: Key(5)] string? AdmissionToken) : IEdgeMessage;

/// <summary>
/// Coordinator → client: the handshake succeeded; <see cref="Account"/> is the account id the
/// coordinator derived from the public key, and the limits the connection must keep.
/// </summary>
[MessagePackObject]
public sealed record Welcome(
    [property: Key(0)] string Account,
    [property: Key(1)] int HeartbeatMs,
    [property: Key(2)] int MaxFrameBytes) : IEdgeMessage;

/// <summary>
/// Either side, last frame before it closes the connection: why (<see cref="EdgeCloseCode"/>), for
/// the log of the other side.
/// </summary>
[MessagePackObject]
public sealed record Goodbye(
    [property: Key(0)] EdgeCloseCode Code,
    [property: Key(1)] string Reason) : IEdgeMessage;

/// <summary>Why a connection was closed (<see cref="Goodbye"/>).</summary>
public enum EdgeCloseCode
{
    Normal = 0,
    UnsupportedVersion = 1,
    BadSignature = 2,
    AdmissionRefused = 3,
    HandshakeTimeout = 4,
    MalformedFrame = 5,
    FrameTooLarge = 6,
    NotAllowedForRole = 7,
    RateLimited = 8,
    TooManyConnections = 9,
    HeartbeatTimeout = 10,
    ShuttingDown = 11,
    BlobMismatch = 12,
    SlowConsumer = 13,
}

/// <summary>
/// Either side: a heartbeat. The receiver answers with <see cref="Pong"/> echoing both fields, so
/// the sender measures the round-trip time on its own clock.
/// </summary>
[MessagePackObject]
public sealed record Ping(
    [property: Key(0)] long Sequence,
    [property: Key(1)] long SentMicros) : IEdgeMessage;

/// <summary>Answer to <see cref="Ping"/>, echoing it.</summary>
[MessagePackObject]
public sealed record Pong(
    [property: Key(0)] long Sequence,
    [property: Key(1)] long SentMicros) : IEdgeMessage;
