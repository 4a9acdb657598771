using System.Net;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Ledger;
using P2C2R.Coordinator.Web.Community;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Web.Tests;

/// <summary>
/// The public community page on a real node, without any operator token: it lists every helper
/// account, names a helper only when it opted in (<see cref="HelperCapabilities.PublicName"/>),
/// and shows that name HTML-encoded, since a helper chooses it; and, clearly, the compute helpers
/// donated in all, as the ledger paid for it: tasks, and their worth in credits, the fund's included.
/// </summary>
public sealed class CommunityTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_page_is_public_and_names_only_the_helpers_that_opted_in()
    {
        await using var node = await WebNode.StartAsync();
        var registry = await node.RegistryAsync();
        var named = CreateTestProbe(node.System);
        var unnamed = CreateTestProbe(node.System);
        registry.Tell(new HelperJoined(named.Ref, "0123456789abcdef0123456789abcdef", IPAddress.Parse("10.0.0.1"), Capabilities("Ada <the> Helper", publicName: true)));
        registry.Tell(new HelperJoined(unnamed.Ref, "fedcba9876543210fedcba9876543210", IPAddress.Parse("10.0.1.1"), Capabilities("bob-secret", publicName: false)));
        named.ExpectMsg<HelperAccepted>(Timeout);
        unnamed.ExpectMsg<HelperAccepted>(Timeout);
        var ledger = await node.LedgerAsync();
        ledger.Tell(new CreditHelper("vol", 40));
        ledger.Tell(new CreditHelper("vol", 40));
        ledger.Tell(new CreditHelper("giver", 20, Donate: true));
        string[] wanted = ["<b id=\"helpers-connected\">2</b>", "<b id=\"compute-tasks\">3</b>", "<b id=\"compute-credits\">100</b>", "<b id=\"credits-donated\">20</b>"];

        var (response, body) = await node.PollAsync(CommunityEndpoints.Path, (_, html) => wanted.All(w => html.Contains(w, StringComparison.Ordinal)), Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(wanted, w => Assert.Contains(w, body, StringComparison.Ordinal));
        Assert.Contains("Compute donated", body, StringComparison.Ordinal);
        Assert.Contains(">Ada &lt;the&gt; Helper</td>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<the>", body, StringComparison.Ordinal);
        Assert.Contains(">" + CommunityFeed.Anonymous + "</td>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("bob-secret", body, StringComparison.Ordinal);
        Assert.DoesNotContain("fedcba98", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await node.Http.GetAsync("/")).StatusCode);
    }

    private static HelperCapabilities Capabilities(string name, bool publicName) =>
        new(name, 2, 1L << 30, ["physics.rigid"], 5, 1, PublicName: publicName);
}
