using System.Text.Json.Nodes;
using P2C2R.Remote.Cluster;

namespace P2C2R.Remote.Tests.CrossLanguage;

/// <summary>
/// A helper written in JavaScript from docs/PROTOCOL.md alone joins the coordinator's cluster:
/// the proof that the document is enough to write a helper in another language.
/// </summary>
[Collection(TimingSensitive.Name)]
public class ForeignHelperTests() : RemoteTestKit("""
    p2c2r.remote { role = coordinator, auth-token = "t0ken" }
    p2c2r.cluster.roles = [coordinator]
    """)
{
    [Fact]
    public void A_JavaScript_helper_associates_joins_as_a_peer_and_receives_the_membership()
    {
        _ = Remote;
        var cluster = ClusterNode.Start(Sys);
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(MemberUp));
        var endpoint = (System.Net.IPEndPoint)Remote.BoundEndpoint!;

        using var helper = NodeScript.Start("helper.mjs", "127.0.0.1", endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "js-helper", "t0ken");
        try
        {
            var up = events.FishForMessage<MemberUp>(u => u.Member.Address.System == "js-helper", TimeSpan.FromSeconds(20));
            Assert.Equal(["peer"], up.Member.Roles);
            Assert.Equal("{\"associated\":\"" + Sys.Name + "\"}", ReadLine(helper));
            JsonNode welcome;
            do
            {
                welcome = JsonNode.Parse(ReadLine(helper))!;
            }
            while ((int)welcome["typeId"]! != 11);

            Assert.Equal("/user/helper", (string)welcome["recipient"]!);
            Assert.Equal(11, (int)welcome["typeId"]!);
            var members = welcome["members"]!.AsArray().Select(m => (string)m!["address"]!).ToList();
            Assert.Contains(Remote.Address.ToString(), members);
            Assert.Contains("p2c2r.tcp://js-helper@127.0.0.1:0", members);
            Assert.Contains(cluster.Members, m => m.Address.System == "js-helper" && m.Status == MemberStatus.Up);
        }
        finally
        {
            helper.Kill(entireProcessTree: true);
        }
    }

    private static string ReadLine(System.Diagnostics.Process process) =>
        process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult()
        ?? throw new InvalidOperationException("the helper closed its output");
}
