using Akka.Configuration;
using P2C2R.Membership;

namespace P2C2R.Coordinator.Hosting;

/// <summary>
/// Where this coordinator node speaks Akka.Remote to the other members of its cluster
/// (<c>p2c2r.coordinator.cluster</c>, over the built-in defaults): bound to loopback unless
/// configured, because that port is for a private network only; the nodes to join; TLS between
/// members. A coordinator describes itself as any member does (<see cref="ClusterNodeSettings"/>).
/// </summary>
public static class CoordinatorClusterSettings
{
    public const string Role = ClusterNames.CoordinatorRole;

    public static ClusterNodeSettings From(Config config) =>
        ClusterNodeSettings.From(config.WithFallback(CoordinatorConfig.Defaults).GetConfig("p2c2r.coordinator.cluster"));
}
