using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using P2C2R.Edge.Framing;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Edge.Client;

/// <summary>
/// How a helper or gamer reaches the coordinators' edge: where (tried in order), as whom (role,
/// name, key), and how hard it tries. Defaults follow docs/PROTOCOL.md §3.
/// </summary>
public sealed record EdgeClientSettings(IReadOnlyList<CoordinatorAddress> Coordinators, EdgeRole Role, string Name, ECDsa Key)
{
    /// <summary>Sent in Hello when the coordinator's operator requires one.</summary>
    public string? AdmissionToken { get; init; }

    /// <summary>Address the outgoing socket binds to (e.g. 127.0.0.2, so helpers on one machine count as distinct hosts).</summary>
    public IPAddress? LocalAddress { get; init; }

    /// <summary>How often to ping; null takes the coordinator's heartbeat from Welcome.</summary>
    public TimeSpan? Heartbeat { get; init; }

    /// <summary>Heartbeat periods without a byte from the coordinator before it is taken for dead.</summary>
    public int MissedHeartbeats { get; init; } = 10;

    public bool Tls { get; init; }

    /// <summary>The name the server certificate must carry; null takes the coordinator's host.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>Decides whether the server certificate is accepted; null applies the system's validation.</summary>
    public RemoteCertificateValidationCallback? TlsCertificateValidation { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan BackoffMin { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Seeds the backoff jitter (tests); null seeds from the system.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>Largest frame accepted from the coordinator.</summary>
    public int MaxFrameBytes { get; init; } = EdgeFrames.DefaultMaxFrameBytes;

    /// <summary>Messages queued for the coordinator; a full queue drops the connection.</summary>
    public int OutboundQueueCapacity { get; init; } = 8192;

    /// <summary>How long a closing connection may take to deliver its last frames.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
