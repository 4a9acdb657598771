using System.Net;
using Akka.Configuration;
using P2C2R.Edge.Client;
using P2C2R.Edge.Identity;
using P2C2R.Hosting;
using P2C2R.Membership;
using P2C2R.PeerNode.Sandboxing;

namespace P2C2R.PeerNode.Startup;

/// <summary>
/// <c>p2c2r.peer</c> read once and checked, so a typo in a coordinator address or a local address
/// stops the helper at start with the setting's name rather than as a failed dial later.
/// <see cref="Cluster"/> is set when the helper joins the coordinators' Akka.Cluster as a member
/// (<c>p2c2r.peer.cluster.seed-nodes</c>, <c>--join-cluster</c>) instead of dialing their edge.
/// </summary>
public sealed record PeerSettings(
    IReadOnlyList<CoordinatorAddress> Coordinators,
    string Name,
    string IdentityPath,
    IPAddress? LocalAddress,
    string? AdmissionToken,
    bool Donate,
    bool SelfTestOnStart,
    int Concurrency,
    int QueueLimit,
    long BlobCacheBytes,
    TimeSpan DrainTimeout)
{
    /// <summary>Where this helper joins the cluster as a member; null when it dials the edge.</summary>
    public ClusterNodeSettings? Cluster { get; init; }

    /// <summary>Whether the coordinators may show <see cref="Name"/> on their public community page (off: listed anonymously).</summary>
    public bool PublicName { get; init; }

    public static PeerSettings From(Config config)
    {
        var peer = config.GetConfig("p2c2r.peer") ?? throw new ConfigurationException("p2c2r.peer is missing");
        var identity = peer.GetString("identity", "");
        var localAddress = peer.GetString("local-address", "");
        var token = peer.GetString("admission-token", "");
        var queueLimit = CheckedConfig.Int(config, "p2c2r.peer.queue-limit", 64);
        if (queueLimit < 0)
        {
            throw new ConfigurationException($"p2c2r.peer.queue-limit is {queueLimit}; it must be 0 or more");
        }

        return new PeerSettings(
            ParseCoordinators(peer),
            peer.GetString("name", "helper"),
            string.IsNullOrWhiteSpace(identity) ? IdentityStore.DefaultPath("helper") : identity,
            ParseLocalAddress(localAddress),
            string.IsNullOrEmpty(token) ? null : token,
            peer.GetBoolean("donate", false),
            peer.GetBoolean("selftest-on-start", true),
            SandboxSettings.Concurrency(config),
            queueLimit,
            CheckedConfig.Bytes(config, "p2c2r.peer.blob-cache-bytes"),
            CheckedConfig.Duration(config, "p2c2r.peer.drain-timeout", TimeSpan.FromSeconds(5)))
        {
            Cluster = ReadCluster(config),
            PublicName = peer.GetBoolean("public-name", false),
        };
    }

    /// <summary>
    /// The cluster to join when seeds are given. Members of one cluster share one actor system name,
    /// so the helper's must be the coordinators' (<c>--join-cluster</c> sets it).
    /// </summary>
    private static ClusterNodeSettings? ReadCluster(Config config)
    {
        var section = config.GetConfig("p2c2r.peer.cluster");
        if (section is null || ClusterNodeSettings.SeedNodesOf(section).Length == 0)
        {
            return null;
        }

        var systemName = NodeConfiguration.SystemName(config, "peer");
        if (systemName != ClusterNames.SystemName)
        {
            throw new ConfigurationException(
                $"p2c2r.peer.cluster.seed-nodes is set, so this helper joins the coordinators' cluster, whose members are all named {ClusterNames.SystemName}: set {NodeConfiguration.NodeNamePath} = {ClusterNames.SystemName} (--join-cluster does), not {systemName}");
        }

        var port = CheckedConfig.Int(config, "p2c2r.peer.cluster.port", 0);
        if (port is < 0 or > 65535)
        {
            throw new ConfigurationException($"p2c2r.peer.cluster.port is {port}: a TCP port (0: any free one)");
        }

        return ClusterNodeSettings.From(section);
    }

    /// <summary>One <c>host:port</c>, several separated by commas, or a HOCON list of them: tried in that order.</summary>
    private static List<CoordinatorAddress> ParseCoordinators(Config peer)
    {
        var value = peer.GetValue("coordinator");
        var entries = value is null ? [] : value.IsArray() ? peer.GetStringList("coordinator") : value.GetString().Split(',');
        var coordinators = new List<CoordinatorAddress>();
        foreach (var entry in entries.Select(e => e.Trim()).Where(e => e.Length > 0))
        {
            try
            {
                coordinators.Add(CoordinatorAddress.Parse(entry));
            }
            catch (FormatException error)
            {
                throw new ConfigurationException($"p2c2r.peer.coordinator: \"{entry}\" is not host:port ({error.Message})");
            }
        }

        return coordinators.Count > 0 ? coordinators : throw new ConfigurationException("p2c2r.peer.coordinator names no coordinator");
    }

    private static IPAddress? ParseLocalAddress(string text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : IPAddress.TryParse(text.Trim(), out var address) ? address
        : throw new ConfigurationException($"p2c2r.peer.local-address: \"{text}\" is not an IP address");
}
