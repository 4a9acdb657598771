using P2C2R.Edge.Client;
using P2C2R.Protocol.Contracts;

namespace P2C2R.GamerClient.Tests.Support;

/// <summary>The edge client's events as a test tells them.</summary>
internal static class TestEdge
{
    public static EdgeConnected Connected(string account = "0123456789abcdef0123456789abcdef") =>
        new(new Welcome(account, 1000, 4 << 20), new CoordinatorAddress("127.0.0.1", 8765));

    public static EdgeDisconnected Lost { get; } = new("connection reset", null);
}
