using Akka.Configuration;

namespace P2C2R.Coordinator.Hosting;

/// <summary>
/// Where this coordinator node speaks Akka.Remote to the other nodes of its cluster
/// (<c>p2c2r.coordinator.cluster</c>): bound to loopback unless configured, because that port is
/// for a private network only; the nodes to join; TLS between nodes.
/// </summary>
public sealed record CoordinatorClusterSettings(
    string Hostname,
    string? PublicHostname,
    int Port,
    IReadOnlyList<string> SeedNodes,
    string? TlsCertificate,
    string? TlsPassword)
{
    public const string Role = "coordinator";

    public static CoordinatorClusterSettings From(Config config)
    {
        var c = config.WithFallback(CoordinatorConfig.Defaults).GetConfig("p2c2r.coordinator.cluster");
        var tls = c.GetConfig("tls");
        return new CoordinatorClusterSettings(
            c.GetString("hostname"),
            NullIfEmpty(c.GetString("public-hostname", "")),
            c.GetInt("port"),
            SeedNodesOf(c),
            tls.GetBoolean("enabled") ? tls.GetString("certificate") : null,
            NullIfEmpty(tls.GetString("password", "")));
    }

    /// <summary>A HOCON list, or one string of comma-separated addresses (as <c>--seed-nodes</c> gives it).</summary>
    private static string[] SeedNodesOf(Config cluster)
    {
        var value = cluster.GetValue("seed-nodes");
        IEnumerable<string> nodes = value is null ? []
            : value.IsString() ? value.GetString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : cluster.GetStringList("seed-nodes");
        return [.. nodes.Where(node => node.Length > 0)];
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
