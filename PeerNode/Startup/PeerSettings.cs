using System.Net;
using Akka.Configuration;
using P2C2R.Edge.Client;
using P2C2R.Edge.Identity;
using P2C2R.PeerNode.Sandboxing;

namespace P2C2R.PeerNode.Startup;

/// <summary>
/// <c>p2c2r.peer</c> read once and checked, so a typo in a coordinator address or a local address
/// stops the helper at start with the setting's name rather than as a failed dial later.
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
            CheckedConfig.Duration(config, "p2c2r.peer.drain-timeout", TimeSpan.FromSeconds(5)));
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
