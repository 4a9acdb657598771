using Akka.Configuration;
using P2C2R.Membership;

namespace P2C2R.Coordinator.Hosting;

/// <summary>
/// Where this coordinator node speaks Akka.Remote to the other members of its cluster
/// (<c>p2c2r.coordinator.cluster</c>): bound to loopback unless configured, because that port is
/// for a private network only; the nodes to join; TLS between members.
/// </summary>
public sealed record CoordinatorClusterSettings(
    string Hostname,
    string? PublicHostname,
    int Port,
    IReadOnlyList<string> SeedNodes,
    string? TlsCertificate,
    string? TlsPassword)
{
    public const string Role = ClusterNames.CoordinatorRole;

    public static CoordinatorClusterSettings From(Config config)
    {
        var node = ClusterNodeSettings.From(config.WithFallback(CoordinatorConfig.Defaults).GetConfig("p2c2r.coordinator.cluster"));
        return new CoordinatorClusterSettings(node.Hostname, node.PublicHostname, node.Port, node.SeedNodes, node.TlsCertificate, node.TlsPassword);
    }

    /// <summary>The same, as any member of the cluster describes itself.</summary>
    public ClusterNodeSettings Node => new(Hostname, PublicHostname, Port, SeedNodes, TlsCertificate, TlsPassword);
}
