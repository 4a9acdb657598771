using System.Net;
using P2C2R.Coordinator.Helpers;

namespace P2C2R.Coordinator.Tests;

/// <summary>The host a helper counts as: its observed address widened to a network prefix.</summary>
public sealed class HostGroupTests
{
    [Theory]
    [InlineData("203.0.113.77", 24, "203.0.113.0/24")]
    [InlineData("203.0.113.77", 32, "203.0.113.77/32")]
    [InlineData("203.0.113.77", 20, "203.0.112.0/20")]
    [InlineData("203.0.113.77", 0, "0.0.0.0/0")]
    [InlineData("::ffff:203.0.113.77", 24, "203.0.113.0/24")]
    public void An_ipv4_address_and_one_seen_through_a_dual_stack_socket_group_by_the_ipv4_prefix(string address, int prefix, string group) =>
        Assert.Equal(group, HostGroup.Of(IPAddress.Parse(address), prefix, 48));

    [Theory]
    [InlineData("2001:db8:1234:5678::1", 48, "2001:db8:1234::/48")]
    [InlineData("2001:db8:1234:5678::1", 64, "2001:db8:1234:5678::/64")]
    [InlineData("2001:db8:1234:5678::1", 36, "2001:db8:1000::/36")]
    [InlineData("2001:db8:1234:5678::1", 128, "2001:db8:1234:5678::1/128")]
    public void An_ipv6_address_groups_by_the_ipv6_prefix(string address, int prefix, string group) =>
        Assert.Equal(group, HostGroup.Of(IPAddress.Parse(address), 24, prefix));

    [Fact]
    public void Two_loopback_addresses_are_two_hosts_at_32_and_one_at_24()
    {
        var (two, three) = (IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3"));

        Assert.NotEqual(HostGroup.Of(two, 32, 128), HostGroup.Of(three, 32, 128));
        Assert.Equal(HostGroup.Of(two, 24, 48), HostGroup.Of(three, 24, 48));
        Assert.Equal("127.0.0.0/24", HostGroup.Of(three, 24, 48));
    }

    [Theory]
    [InlineData(-1, 48)]
    [InlineData(33, 48)]
    [InlineData(24, -1)]
    [InlineData(24, 129)]
    public void A_prefix_out_of_range_is_refused(int ipv4Prefix, int ipv6Prefix) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HostGroup.Of(IPAddress.Loopback, ipv4Prefix, ipv6Prefix));
}
