using System.Net;
using System.Net.Http.Headers;
using P2C2R.Coordinator.Sessions;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Web.Tests;

/// <summary>
/// The operator dashboard on a real node: closed without the operator token, its page served with
/// it, and its event stream showing a session that plays, with a tick rate and frame latency, and the tasks it runs,
/// on this node, which its nodes table lists as up.
/// </summary>
public sealed class DashboardTests : Akka.TestKit.Xunit2.TestKit
{
    private const string Token = "operator-secret";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_dashboard_needs_the_token_and_streams_a_playing_session()
    {
        await using var node = await WebNode.StartAsync(new() { ["p2c2r.coordinator.http.operator-token"] = Token });

        Assert.Equal(HttpStatusCode.Unauthorized, (await node.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await node.Http.GetAsync("/events")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await node.Http.GetAsync("/?token=guess")).StatusCode);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = node.Http.BaseAddress };
        var login = await browser.GetAsync($"/?token={Token}");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), cookie => cookie.Contains("httponly", StringComparison.OrdinalIgnoreCase));

        using var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var html = await (await node.Http.SendAsync(page)).Content.ReadAsStringAsync();
        Assert.Contains("new EventSource(\"events\")", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);

        var gamer = CreateTestProbe(node.System);
        (await node.GamersAsync()).Tell(new GamerCommand("ann", new StartSession(30)), gamer.Ref);
        var id = gamer.ExpectMsg<SessionAttached>(Timeout).SessionId;

        var shown = await DashboardEvents.FirstAsync(node, Token, json => json.GetProperty("sessions").EnumerateArray().Any(s => s.GetProperty("id").GetString() == id && s.GetProperty("fps").GetDouble() > 0 && s.GetProperty("frameMeanMs").GetDouble() > 0)
            && json.GetProperty("tasks").EnumerateArray().Any(t => t.GetProperty("type").GetString() == "render.raytrace" && t.GetProperty("perSecond").GetDouble() > 0));

        var session = shown.GetProperty("sessions").EnumerateArray().Single(s => s.GetProperty("id").GetString() == id);
        Assert.Equal("ann", session.GetProperty("account").GetString());
        Assert.True(session.GetProperty("gamerBytesPerTick").GetDouble() > 0);
        Assert.True(session.GetProperty("frameP95Ms").GetDouble() > 0);
        var address = ((ExtendedActorSystem)node.System).Provider.DefaultAddress.ToString();
        Assert.Equal(address, session.GetProperty("node").GetString());
        var self = Assert.Single(shown.GetProperty("nodes").EnumerateArray());
        Assert.Equal(address, self.GetProperty("address").GetString());
        Assert.True(self.GetProperty("self").GetBoolean());
        Assert.Equal("Up", self.GetProperty("status").GetString());
        Assert.True(self.GetProperty("sessions").GetInt32() >= 1);
    }
}
