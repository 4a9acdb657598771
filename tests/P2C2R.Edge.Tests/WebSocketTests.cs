using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using Akka.TestKit.Xunit2;
using P2C2R.Edge.Server;
using P2C2R.Edge.Tests.Support;
using P2C2R.Protocol.Contracts;
using P2C2R.Protocol.Identity;

namespace P2C2R.Edge.Tests;

/// <summary>
/// The edge for browsers: a WebSocket carrying the same frames, served by the same handshake,
/// role filter, limits and connection actors as TCP; only gamers, and only from a page of the host.
/// </summary>
public sealed class WebSocketTests : TestKit
{
    private static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    [Fact]
    public async Task A_gamer_over_a_WebSocket_is_welcomed_and_its_messages_reach_its_connection_actor()
    {
        var probe = CreateTestProbe();
        await using var server = await EdgeWebSocketServer.StartAsync(Sys, new ProbeEndpoint(probe));
        using var key = NewKey();
        await using var client = await RawEdgeClient.OverWebSocketAsync(server.Edge, server.Origin);

        var welcome = await client.JoinAsync(key, EdgeRole.Gamer, "browser");
        await client.SendAsync(new StartSession(30));

        Assert.Equal(EdgeIdentityProof.AccountOf(key.ExportSubjectPublicKeyInfo()), welcome.Account);
        var opened = probe.ExpectMsg<Opened>();
        Assert.Equal(EdgeRole.Gamer, opened.Peer.Role);
        Assert.Equal(IPAddress.Loopback, opened.Peer.Remote.Address);
        Assert.Equal(new StartSession(30), probe.ExpectMsg<Inbound>().Message);
    }

    [Fact]
    public async Task A_helper_may_not_connect_over_a_WebSocket()
    {
        await using var server = await EdgeWebSocketServer.StartAsync(Sys, new ProbeEndpoint(TestActor));
        using var key = NewKey();
        await using var client = await RawEdgeClient.OverWebSocketAsync(server.Edge, server.Origin);

        var answer = await client.HandshakeAsync(key, EdgeRole.Helper);

        Assert.Equal(EdgeCloseCode.NotAllowedForRole, Assert.IsType<Goodbye>(answer).Code);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_frame_over_the_limit_closes_a_WebSocket_connection_as_it_closes_a_TCP_one()
    {
        await using var server = await EdgeWebSocketServer.StartAsync(Sys, new ProbeEndpoint(TestActor), new EdgeServerOptions { MaxFrameBytes = 64 * 1024 });
        using var key = NewKey();
        await using var client = await RawEdgeClient.OverWebSocketAsync(server.Edge, server.Origin);
        await client.JoinAsync(key, EdgeRole.Gamer);

        await client.SendRawAsync(RawEdgeClient.Frame(43, new byte[128 * 1024]));

        var goodbye = await client.ReadGoodbyeAsync();
        Assert.True(goodbye?.Code == EdgeCloseCode.FrameTooLarge, $"{goodbye}: {string.Join('\n', server.Logs.Lines)}");
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("http://127.0.0.1:1")]
    [InlineData(null)]
    public async Task A_WebSocket_from_another_origin_or_none_is_refused_before_the_upgrade(string? origin)
    {
        await using var server = await EdgeWebSocketServer.StartAsync(Sys, new ProbeEndpoint(TestActor));

        var error = await Assert.ThrowsAsync<WebSocketException>(() => RawEdgeClient.OverWebSocketAsync(server.Edge, origin));

        Assert.Contains("403", error.Message);
        Assert.True(server.Logs.Contains("is not this host"), string.Join('\n', server.Logs.Lines));
    }

    [Fact]
    public async Task A_plain_request_to_the_WebSocket_path_is_told_what_it_is()
    {
        await using var server = await EdgeWebSocketServer.StartAsync(Sys, new ProbeEndpoint(TestActor));
        using var http = new HttpClient();

        var response = await http.GetAsync(server.Http);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
