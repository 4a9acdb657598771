using Akka.Configuration;

namespace P2C2R.Membership;

/// <summary>
/// Where one member of the cluster speaks Akka.Remote and whom it joins, read from a
/// configuration section (<c>p2c2r.coordinator.cluster</c>, <c>p2c2r.peer.cluster</c>) that
/// both kinds of member write the same way: the address it binds (a private network), the name
/// the others reach it by when that differs, its port, the seeds, and TLS between members.
/// </summary>
public sealed record ClusterNodeSettings(
    string Hostname,
    string? PublicHostname,
    int Port,
    IReadOnlyList<string> SeedNodes,
    string? TlsCertificate,
    string? TlsPassword)
{
    /// <summary>Reads <paramref name="section"/>; a missing key takes the loopback, any free port, no seeds, no TLS.</summary>
    public static ClusterNodeSettings From(Config section)
    {
        var tls = section.GetConfig("tls") ?? Config.Empty;
        return new ClusterNodeSettings(
            section.GetString("hostname", "127.0.0.1"),
            NullIfEmpty(section.GetString("public-hostname", "")),
            section.GetInt("port", 0),
            SeedNodesOf(section),
            tls.GetBoolean("enabled", false) ? tls.GetString("certificate") : null,
            NullIfEmpty(tls.GetString("password", "")));
    }

    /// <summary>A HOCON list, or one string of comma-separated addresses (as <c>--seed-nodes</c> or <c>--join-cluster</c> gives it).</summary>
    public static string[] SeedNodesOf(Config section)
    {
        var value = section.GetValue("seed-nodes");
        IEnumerable<string> nodes = value is null ? []
            : value.IsString() ? value.GetString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetStringList("seed-nodes");
        return [.. nodes.Where(node => node.Length > 0)];
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
