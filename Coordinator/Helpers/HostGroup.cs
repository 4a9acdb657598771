using System.Net;
using System.Net.Sockets;

namespace P2C2R.Coordinator.Helpers;

/// <summary>
/// The "host" a helper counts as when two replicas of a task must run on different machines: its
/// connection's observed remote address, widened to a network prefix (a /24 of IPv4, a /48 of
/// IPv6 by default). One person renting a few addresses from one provider, or a household behind
/// one router with a handful of IPv6 addresses, then counts as one host, and nothing the helper
/// declares about itself takes part. An IPv4 address seen through a dual-stack socket
/// (<c>::ffff:a.b.c.d</c>) counts as the IPv4 address it is.
/// </summary>
public static class HostGroup
{
    /// <summary>The group of <paramref name="address"/>, e.g. <c>127.0.0.0/24</c> or <c>2001:db8:1::/48</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A prefix outside 0..32 (IPv4) or 0..128 (IPv6).</exception>
    public static string Of(IPAddress address, int ipv4Prefix, int ipv6Prefix)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfNegative(ipv4Prefix);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ipv4Prefix, 32);
        ArgumentOutOfRangeException.ThrowIfNegative(ipv6Prefix);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ipv6Prefix, 128);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var prefix = address.AddressFamily == AddressFamily.InterNetwork ? ipv4Prefix : ipv6Prefix;
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var kept = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF00 >> kept);
        }

        return new IPAddress(bytes) + "/" + prefix;
    }
}
