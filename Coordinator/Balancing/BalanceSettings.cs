using System.Net;
using Akka.Configuration;
using P2C2R.Coordinator.Hosting;
using P2C2R.Edge.Client;

namespace P2C2R.Coordinator.Balancing;

/// <summary>
/// How a node keeps its helpers in step with its sessions (<c>p2c2r.coordinator.balance</c>) and
/// the edge address it tells the other nodes, which they hand to the helpers they send here
/// (<c>p2c2r.coordinator.edge.public-address</c>). That address must be reachable by helpers on
/// other machines, so it defaults to the name the other nodes reach this one by (the cluster's
/// public hostname, else its hostname) with the edge port; with neither known (edge port 0, or a
/// cluster hostname that is a wildcard) it is empty and no helper is sent here.
/// </summary>
public sealed record BalanceSettings(bool Enabled, string EdgeAddress, TimeSpan PublishEvery, TimeSpan MoveEvery)
{
    public static BalanceSettings From(Config config)
    {
        var coordinator = config.WithFallback(CoordinatorConfig.Defaults).GetConfig("p2c2r.coordinator");
        var balance = coordinator.GetConfig("balance");
        var publishEvery = Positive(balance.GetTimeSpan("publish-every"), "balance.publish-every");
        var moveEvery = Positive(balance.GetTimeSpan("move-every"), "balance.move-every");
        return new BalanceSettings(balance.GetBoolean("enabled"), EdgeAddressOf(config, coordinator), publishEvery, moveEvery);
    }

    private static string EdgeAddressOf(Config config, Config coordinator)
    {
        var configured = coordinator.GetString("edge.public-address", "");
        if (configured.Length > 0)
        {
            return CoordinatorAddress.TryParseHostPort(configured, out var address)
                ? address.ToString()
                : throw new ConfigurationException($"p2c2r.coordinator.edge.public-address = \"{configured}\" is not host:port");
        }

        var cluster = CoordinatorClusterSettings.From(config);
        var host = cluster.PublicHostname ?? cluster.Hostname;
        var port = coordinator.GetInt("port");
        var wildcard = IPAddress.TryParse(host, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));
        return port == 0 || wildcard ? "" : new CoordinatorAddress(host, port).ToString();
    }

    private static TimeSpan Positive(TimeSpan value, string key) =>
        value > TimeSpan.Zero ? value : throw new ConfigurationException($"p2c2r.coordinator.{key} = {value} must be positive");
}
