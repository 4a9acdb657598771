using System.Security.Cryptography.X509Certificates;
using P2C2R.Edge.Framing;

namespace P2C2R.Edge.Server;

/// <summary>
/// How a coordinator's edge listens and what it tolerates from strangers (docs/PROTOCOL.md §2–3).
/// Every limit here is per connection or per remote address, so one bad peer only ever costs its
/// own connections.
/// </summary>
public sealed class EdgeServerOptions
{
    public int Port { get; set; } = 8765;

    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>Sent in the Challenge, for the client's logs.</summary>
    public string CoordinatorName { get; set; } = Environment.MachineName;

    /// <summary>Largest frame length (code and body) accepted, and announced in Welcome.</summary>
    public int MaxFrameBytes { get; set; } = EdgeFrames.DefaultMaxFrameBytes;

    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxConnectionsPerIp { get; set; } = 64;

    /// <summary>Messages a second a connection may send on average (token bucket rate).</summary>
    public double MessagesPerSecond { get; set; } = 2000;

    /// <summary>Messages a connection may send at once (token bucket size).</summary>
    public double Burst { get; set; } = 4000;

    /// <summary>How often each side pings; announced in Welcome.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Heartbeat periods without a byte from the peer before its connection is closed.</summary>
    public int MissedHeartbeats { get; set; } = 10;

    /// <summary>When set, a Hello must carry this token (compared in constant time).</summary>
    public string? AdmissionToken { get; set; }

    /// <summary>A PKCS#12 file: when set (or <see cref="Certificate"/> is), the edge speaks TLS.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>A certificate with its private key, taking precedence over <see cref="CertificatePath"/>.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>Messages queued for one connection; a full queue closes it as a slow consumer.</summary>
    public int OutboundQueueCapacity { get; set; } = 8192;

    /// <summary>How long a closing connection may take to deliver its last frames before it is torn down.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The TLS certificate, if any: <see cref="Certificate"/>, else the one loaded from <see cref="CertificatePath"/>.</summary>
    public X509Certificate2? LoadCertificate() =>
        Certificate ?? (string.IsNullOrEmpty(CertificatePath)
            ? null
            : X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, CertificatePassword));
}
