using P2C2R.Actors;
using P2C2R.Hocon;

namespace P2C2R.Remote;

/// <summary>Remoting settings read once from <c>p2c2r.remote</c> over the embedded defaults.</summary>
public sealed class RemoteSettings
{
    public RemoteSettings(Config config)
    {
        var remote = config.WithFallback(Defaults).GetConfig("p2c2r.remote");
        Hostname = remote.GetString("hostname");
        Port = remote.GetInt("port");
        BindHostname = NonEmpty(remote.GetString("bind-hostname")) ?? Hostname;
        BindPort = NonEmpty(remote.GetString("bind-port")) is null ? Port : remote.GetInt("bind-port");
        Listen = remote.GetBoolean("listen");
        Role = remote.GetString("role");
        AuthToken = remote.GetString("auth-token");
        MaximumFrameSize = checked((int)remote.GetByteSize("maximum-frame-size"));
        FragmentSize = checked((int)remote.GetByteSize("fragment-size"));
        MaximumMessageSize = checked((int)remote.GetByteSize("maximum-message-size"));
        OutboundQueueCapacity = remote.GetInt("outbound-queue-capacity");
        ConnectTimeout = remote.GetDuration("connect-timeout");
        HandshakeTimeout = remote.GetDuration("handshake-timeout");
        MinBackoff = remote.GetDuration("reconnect.min-backoff");
        MaxBackoff = remote.GetDuration("reconnect.max-backoff");
        HeartbeatInterval = remote.GetDuration("heartbeat-interval");
        IdleAssociationTimeout = remote.GetDuration("idle-association-timeout");
        var detector = remote.GetConfig("failure-detector");
        FailureDetector = new FailureDetectorSettings(
            detector.GetDouble("threshold"),
            detector.GetDuration("acceptable-heartbeat-pause"),
            detector.GetDuration("min-std-deviation"),
            detector.GetInt("max-sample-size"),
            detector.GetDuration("first-heartbeat-estimate"));
        Tls = new TlsSettings(remote.GetConfig("tls"));
        Permissions = RolePermissions.From(remote.GetConfig("permissions"));
        if (FragmentSize + 64 > MaximumFrameSize)
        {
            throw new ConfigException("p2c2r.remote.fragment-size must leave room for the fragment header within maximum-frame-size");
        }
    }

    public static Config Defaults { get; } = new ConfigBuilder()
        .AddEmbeddedResource(typeof(RemoteSettings).Assembly, "remote.conf")
        .Build()
        .WithFallback(ActorSystem.DefaultConfig);

    public string Hostname { get; }
    public int Port { get; }
    public string BindHostname { get; }
    public int BindPort { get; }
    public bool Listen { get; }
    public string Role { get; }
    public string AuthToken { get; }
    public int MaximumFrameSize { get; }
    public int FragmentSize { get; }
    public int MaximumMessageSize { get; }
    public int OutboundQueueCapacity { get; }
    public TimeSpan ConnectTimeout { get; }
    public TimeSpan HandshakeTimeout { get; }
    public TimeSpan MinBackoff { get; }
    public TimeSpan MaxBackoff { get; }
    public TimeSpan HeartbeatInterval { get; }
    public TimeSpan IdleAssociationTimeout { get; }
    public FailureDetectorSettings FailureDetector { get; }
    public TlsSettings Tls { get; }
    public RolePermissions Permissions { get; }

    private static string? NonEmpty(string value) => value.Length == 0 ? null : value;
}

/// <summary>Phi-accrual failure detector parameters.</summary>
public sealed record FailureDetectorSettings(
    double Threshold, TimeSpan AcceptableHeartbeatPause, TimeSpan MinStdDeviation, int MaxSampleSize, TimeSpan FirstHeartbeatEstimate);

/// <summary>TLS for associations (SslStream over the TCP stream).</summary>
public sealed class TlsSettings
{
    public TlsSettings(Config tls)
    {
        Enabled = tls.GetBoolean("enabled");
        Certificate = tls.GetString("certificate");
        CertificatePassword = tls.GetString("certificate-password");
        Trust = tls.GetString("trust");
        ServerName = tls.GetString("server-name");
    }

    public bool Enabled { get; }
    public string Certificate { get; }
    public string CertificatePassword { get; }
    public string Trust { get; }
    public string ServerName { get; }
}
