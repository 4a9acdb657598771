using Akka.Configuration;
using P2C2R.Coordinator.Balancing;

namespace P2C2R.Coordinator.Tests;

/// <summary>Balancing's settings and the edge address a node tells the others, which they hand to the helpers they send it.</summary>
public sealed class BalanceSettingsTests
{
    [Fact]
    public void By_default_balancing_is_on_and_the_edge_address_is_the_cluster_hostname_and_edge_port()
    {
        var settings = BalanceSettings.From(ConfigurationFactory.Empty);

        Assert.Equal(new BalanceSettings(true, "127.0.0.1:8765", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(15)), settings);
    }

    [Theory]
    [InlineData("p2c2r.coordinator { port = 9000, cluster.hostname = 10.0.0.5 }", "10.0.0.5:9000")]
    [InlineData("p2c2r.coordinator { port = 9000, cluster { hostname = 10.0.0.5, public-hostname = node-a.example } }", "node-a.example:9000")]
    [InlineData("p2c2r.coordinator { edge.public-address = \"play.example:443\" }", "play.example:443")]
    [InlineData("p2c2r.coordinator { edge.public-address = \"[2001:db8::1]:8765\" }", "[2001:db8::1]:8765")]
    [InlineData("p2c2r.coordinator.port = 0", "")]
    [InlineData("p2c2r.coordinator.cluster.hostname = 0.0.0.0", "")]
    public void The_edge_address_is_the_public_one_when_set_else_the_cluster_name_and_edge_port(string hocon, string expected)
    {
        Assert.Equal(expected, BalanceSettings.From(ConfigurationFactory.ParseString(hocon)).EdgeAddress);
    }

    [Theory]
    [InlineData("p2c2r.coordinator.edge.public-address = \"http://play.example:443\"")]
    [InlineData("p2c2r.coordinator.edge.public-address = \"play.example\"")]
    [InlineData("p2c2r.coordinator.balance.move-every = 0s")]
    public void A_bad_value_is_a_configuration_error(string hocon)
    {
        Assert.Throws<ConfigurationException>(() => BalanceSettings.From(ConfigurationFactory.ParseString(hocon)));
    }
}
