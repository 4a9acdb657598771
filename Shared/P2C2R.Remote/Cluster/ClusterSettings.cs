using P2C2R.Hocon;

namespace P2C2R.Remote.Cluster;

/// <summary>Cluster settings read once from <c>p2c2r.cluster</c>.</summary>
public sealed class ClusterSettings
{
    public ClusterSettings(Config config)
    {
        var cluster = config.WithFallback(RemoteSettings.Defaults).GetConfig("p2c2r.cluster");
        SeedNodes = [.. cluster.GetStringList("seed-nodes").Select(Address.Parse)];
        Roles = [.. cluster.GetStringList("roles")];
        RetryJoinInterval = cluster.GetDuration("retry-join-interval");
        DownUnreachableAfter = cluster.GetDuration("down-unreachable-after");
    }

    public IReadOnlyList<Address> SeedNodes { get; }
    public IReadOnlyList<string> Roles { get; }
    public TimeSpan RetryJoinInterval { get; }
    public TimeSpan DownUnreachableAfter { get; }
}
