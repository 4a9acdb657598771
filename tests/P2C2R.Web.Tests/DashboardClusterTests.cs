using System.Net;
using System.Text.Json;
using P2C2R.Coordinator.Helpers;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Web.Tests;

/// <summary>
/// Two coordinator nodes in one cluster, the dashboard on the first only: it lists both nodes and
/// a helper connected to the second (whose view crossed Akka.Remote through the project's
/// serializer), and drops the second once it has left the cluster.
/// </summary>
public sealed class DashboardClusterTests : Akka.TestKit.Xunit2.TestKit
{
    private const string Token = "operator-secret";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_dashboard_of_one_node_shows_the_other_and_forgets_it_once_it_left()
    {
        await using var a = await WebNode.StartAsync(new() { ["p2c2r.coordinator.http.operator-token"] = Token });
        var addressA = Address(a);
        var b = await WebNode.StartAsync(new() { ["p2c2r.coordinator.cluster.seed-nodes"] = addressA });
        string addressB;
        try
        {
            addressB = Address(b);
            var helper = CreateTestProbe(b.System);
            (await b.RegistryAsync()).Tell(new HelperJoined(helper.Ref, "0123456789abcdef0123456789abcdef", IPAddress.Parse("10.0.0.1"),
                new HelperCapabilities("on-b", 2, 1L << 30, ["physics.rigid"], 5, 1)));
            helper.ExpectMsg<HelperAccepted>(Timeout);

            var both = await DashboardEvents.FirstAsync(a, Token, json =>
                Nodes(json).Any(n => n.GetProperty("address").GetString() == addressB && n.GetProperty("status").GetString() == "Up" && n.GetProperty("helpers").GetInt32() == 1));

            Assert.Equal([(addressA, true), (addressB, false)], Nodes(both).Select(n => (n.GetProperty("address").GetString(), n.GetProperty("self").GetBoolean())));
            var shown = Assert.Single(both.GetProperty("helpers").EnumerateArray());
            Assert.Equal(("on-b", addressB), (shown.GetProperty("name").GetString(), shown.GetProperty("node").GetString()));
        }
        finally
        {
            await b.DisposeAsync();
        }

        var alone = await DashboardEvents.FirstAsync(a, Token, json => Nodes(json).All(n => n.GetProperty("address").GetString() != addressB));

        Assert.Equal(addressA, Assert.Single(Nodes(alone)).GetProperty("address").GetString());
        Assert.Empty(alone.GetProperty("helpers").EnumerateArray());
    }

    private static string Address(WebNode node) => ((ExtendedActorSystem)node.System).Provider.DefaultAddress.ToString();

    private static JsonElement.ArrayEnumerator Nodes(JsonElement snapshot) => snapshot.GetProperty("nodes").EnumerateArray();
}
