using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using P2C2R.Coordinator.Sessions;
using P2C2R.Coordinator.Web.Login;
using P2C2R.Edge.Client;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Web.Tests;

/// <summary>
/// The one-time links of <c>web-login</c> on a real node: a gamer and a helper connect over the
/// edge with their keys, ask for a link, and a browser (an HttpClient with cookies) that opens it
/// sees that account's own page and data; the code works once, and /me is closed without the cookie.
/// An account keeps at most 8 browsers signed in and 4 codes unused.
/// </summary>
public sealed class LoginTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_gamers_link_opens_its_own_sessions_and_balance_once()
    {
        var edgePort = FreePort();
        await using var node = await WebNode.StartAsync(new() { ["p2c2r.coordinator.port"] = edgePort.ToString() });
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (client, peer, account) = Connect(edgePort, EdgeRole.Gamer, "ann", key);
        var other = CreateTestProbe(node.System);
        (await node.GamersAsync()).Tell(new GamerCommand("someone-else", new StartSession(30)), other.Ref);
        var othersSession = other.ExpectMsg<SessionAttached>(Timeout).SessionId;
        var own = CreateTestProbe(node.System);
        (await node.GamersAsync()).Tell(new GamerCommand(account, new StartSession(30)), own.Ref);
        var session = own.ExpectMsg<SessionAttached>(Timeout).SessionId;

        client.Tell(new WebLoginRequest(), peer.Ref);
        var link = peer.FishForMessage<WebLoginLink>(_ => true, Timeout);
        Assert.StartsWith(node.Http.BaseAddress + "login?code=", link.Url, StringComparison.Ordinal);

        using var browser = Browser(node);
        var login = await browser.GetAsync(link.Url);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/me", login.Headers.Location?.OriginalString);
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), cookie =>
            cookie.Contains("httponly", StringComparison.OrdinalIgnoreCase) && cookie.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));

        var page = await browser.GetAsync("/me");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("/me/me.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);

        var data = await JsonAsync(browser, "/me/data");
        Assert.Equal("gamer", data.GetProperty("role").GetString());
        Assert.Equal(account, data.GetProperty("account").GetString());
        Assert.Equal(JsonValueKind.Number, data.GetProperty("credits").ValueKind);
        var ids = data.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetString() ?? "").ToArray();
        Assert.Equal(session, Assert.Single(ids));
        Assert.DoesNotContain(othersSession, ids);

        using var again = Browser(node);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync(link.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync("/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await node.Http.GetAsync("/me/data")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await node.Http.GetAsync("/login?code=" + new string('A', 43))).StatusCode);
        Sys.Stop(client);
    }

    [Fact]
    public async Task A_helpers_link_opens_the_helper_page()
    {
        var edgePort = FreePort();
        await using var node = await WebNode.StartAsync(new() { ["p2c2r.coordinator.port"] = edgePort.ToString() });
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (client, peer, account) = Connect(edgePort, EdgeRole.Helper, "h1", key);

        client.Tell(new WebLoginRequest(), peer.Ref);
        var link = peer.FishForMessage<WebLoginLink>(_ => true, Timeout);

        using var browser = Browser(node);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(link.Url)).StatusCode);
        var data = await JsonAsync(browser, "/me/data");
        Assert.Equal("helper", data.GetProperty("role").GetString());
        Assert.Equal(account, data.GetProperty("account").GetString());
        Assert.Equal("h1", data.GetProperty("name").GetString());
        Assert.Equal(0, data.GetProperty("credits").GetInt64());
        Assert.Equal(0, data.GetProperty("validated").GetInt64());
        Assert.Equal(0, data.GetProperty("rejected").GetInt64());
        Assert.False(data.TryGetProperty("sessions", out _));
        Sys.Stop(client);
    }

    [Fact]
    public async Task An_accounts_ninth_browser_ends_its_first_and_a_fifth_unused_code_is_refused_with_the_reason()
    {
        var edgePort = FreePort();
        await using var node = await WebNode.StartAsync(new() { ["p2c2r.coordinator.port"] = edgePort.ToString() });
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (client, peer, _) = Connect(edgePort, EdgeRole.Gamer, "ann", key);
        var browsers = new List<HttpClient>();
        for (var i = 0; i <= WebLogins.MaxSessionsPerAccount; i++)
        {
            client.Tell(new WebLoginRequest(), peer.Ref);
            var link = peer.FishForMessage<WebLoginLink>(_ => true, Timeout);
            Assert.Equal("", link.Refused);
            var browser = Browser(node);
            browsers.Add(browser);
            Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(link.Url)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await browsers[0].GetAsync("/me/data")).StatusCode);
        foreach (var browser in browsers.Skip(1))
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/me/data")).StatusCode);
        }

        var unused = new List<WebLoginLink>();
        for (var i = 0; i <= WebLogins.MaxCodesPerAccount; i++)
        {
            client.Tell(new WebLoginRequest(), peer.Ref);
            unused.Add(peer.FishForMessage<WebLoginLink>(_ => true, Timeout));
        }

        Assert.All(unused.Take(WebLogins.MaxCodesPerAccount), link => Assert.NotEqual("", link.Url));
        Assert.Equal(new WebLoginLink("", 0, "too many outstanding login codes"), unused[^1]);
        browsers.ForEach(browser => browser.Dispose());
        Sys.Stop(client);
    }

    /// <summary>Dials the node's edge with <paramref name="key"/>; the probe gets what the coordinator sends.</summary>
    private (IActorRef Client, Akka.TestKit.TestProbe Peer, string Account) Connect(int edgePort, EdgeRole role, string name, ECDsa key)
    {
        var peer = CreateTestProbe();
        var settings = new EdgeClientSettings([new CoordinatorAddress("127.0.0.1", edgePort)], role, name, key);
        var client = Sys.ActorOf(EdgeClientActor.Props(settings, peer.Ref));
        var connected = peer.FishForMessage<EdgeConnected>(_ => true, Timeout);
        return (client, peer, connected.Welcome.Account);
    }

    /// <summary>A browser: it keeps cookies, and does not follow redirects, so the tests see them.</summary>
    private static HttpClient Browser(WebNode node) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = node.Http.BaseAddress,
            Timeout = TimeSpan.FromSeconds(10),
        };

    private static async Task<JsonElement> JsonAsync(HttpClient browser, string path)
    {
        var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
