using Akka.Configuration;
using P2C2R.Edge.Server;

namespace P2C2R.Coordinator.Edge;

/// <summary>
/// The edge's listening address and limits from <c>p2c2r.coordinator</c> (port, bind-address) and
/// <c>p2c2r.coordinator.edge</c>, so an operator tunes what strangers may cost in the same HOCON
/// as the rest of the coordinator.
/// </summary>
public static class EdgeOptionsReader
{
    public static EdgeServerOptions From(Config config)
    {
        var coordinator = config.WithFallback(CoordinatorConfig.Defaults).GetConfig("p2c2r.coordinator");
        var edge = coordinator.GetConfig("edge");
        return new EdgeServerOptions
        {
            Port = coordinator.GetInt("port"),
            BindAddress = coordinator.GetString("bind-address"),
            CoordinatorName = config.GetString("p2c2r.node.name", "coordinator"),
            MaxFrameBytes = (int)edge.GetByteSize("max-frame-bytes")!.Value,
            HandshakeTimeout = edge.GetTimeSpan("handshake-timeout"),
            MaxConnectionsPerIp = edge.GetInt("max-connections-per-ip"),
            MessagesPerSecond = edge.GetDouble("messages-per-second"),
            Burst = edge.GetDouble("burst"),
            Heartbeat = edge.GetTimeSpan("heartbeat"),
            MissedHeartbeats = edge.GetInt("missed-heartbeats"),
            AdmissionToken = NullIfEmpty(edge.GetString("admission-token", "")),
            CertificatePath = NullIfEmpty(edge.GetString("tls.certificate", "")),
            CertificatePassword = NullIfEmpty(edge.GetString("tls.password", "")),
            OutboundQueueCapacity = edge.GetInt("outbound-queue"),
            CloseTimeout = edge.GetTimeSpan("close-timeout"),
        };
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
