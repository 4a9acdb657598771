using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using P2C2R.Edge.Client;
using P2C2R.Edge.Server;
using P2C2R.Edge.Tests.Support;
using P2C2R.Protocol.Contracts;
using P2C2R.Protocol.Identity;

namespace P2C2R.Edge.Tests;

/// <summary>The reconnecting client against real and raw servers. Waits default to 10 s: a loaded CI machine is slow, never silent.</summary>
public sealed class ClientTests() : TestKit("akka.test.single-expect-default = 10s")
{
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private EdgeClientSettings Settings(EdgeRole role, params CoordinatorAddress[] coordinators) =>
        new(coordinators, role, "client-under-test", key)
        {
            BackoffMin = TimeSpan.FromMilliseconds(50),
            BackoffMax = TimeSpan.FromMilliseconds(200),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            RandomSeed = 7,
        };

    private string Account => EdgeIdentityProof.AccountOf(key.ExportSubjectPublicKeyInfo());

    [Fact]
    public async Task A_client_connects_and_carries_messages_both_ways()
    {
        var server = CreateTestProbe();
        await using var host = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(server));
        var handler = CreateTestProbe();
        var client = Sys.ActorOf(EdgeClientActor.Props(Settings(EdgeRole.Gamer, host.Address), handler));

        var connected = handler.ExpectMsg<EdgeConnected>();
        Assert.Equal(host.Address, connected.Coordinator);
        Assert.Equal(Account, connected.Welcome.Account);
        var opened = server.ExpectMsg<Opened>();
        Assert.Equal(Account, opened.Peer.Account);
        Assert.Equal("client-under-test", opened.Peer.Name);

        client.Tell(new QueryBalance(), handler);
        Assert.IsType<QueryBalance>(server.ExpectMsg<Inbound>().Message);

        opened.Actor.Tell(new SendCommand(new AccountBalance(Account, 3)));
        Assert.Equal(new AccountBalance(Account, 3), handler.ExpectMsg<AccountBalance>());
        Assert.Equal(client, handler.LastSender);

        handler.LastSender.Tell(new ListSessions(), handler);
        Assert.IsType<ListSessions>(server.ExpectMsg<Inbound>().Message);

        var status = await client.Ask<EdgeStatus>(GetEdgeStatus.Instance, TimeSpan.FromSeconds(3));
        Assert.True(status.Connected);
        Assert.Equal(host.Address, status.Coordinator);
        Assert.Equal(Account, status.Account);
    }

    [Fact]
    public async Task Without_a_connection_a_message_comes_back_undelivered()
    {
        var handler = CreateTestProbe();
        var dead = new CoordinatorAddress("127.0.0.1", EdgeTestServer.UnusedPort());
        var client = Sys.ActorOf(EdgeClientActor.Props(Settings(EdgeRole.Helper, dead), handler));

        var failed = handler.ExpectMsg<EdgeConnectFailed>();
        Assert.Equal(dead, failed.Coordinator);
        Assert.Null(failed.Code);

        var load = new HelperLoad(0, 4);
        client.Tell(load, TestActor);
        Assert.Same(load, ExpectMsg<EdgeUndelivered>().Message);
        var status = await client.Ask<EdgeStatus>(GetEdgeStatus.Instance, TimeSpan.FromSeconds(3));
        Assert.Equal(new EdgeStatus(false, null, null, null), status);
        handler.ExpectMsg<EdgeConnectFailed>();
    }

    [Fact]
    public async Task A_client_goes_to_the_second_coordinator_when_the_first_is_down()
    {
        var server = CreateTestProbe();
        await using var host = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(server));
        var handler = CreateTestProbe();
        var dead = new CoordinatorAddress("127.0.0.1", EdgeTestServer.UnusedPort());

        Sys.ActorOf(EdgeClientActor.Props(Settings(EdgeRole.Helper, dead, host.Address), handler));

        Assert.Equal(dead, handler.ExpectMsg<EdgeConnectFailed>().Coordinator);
        Assert.Equal(host.Address, handler.ExpectMsg<EdgeConnected>().Coordinator);
        server.ExpectMsg<Opened>();
    }

    [Fact]
    public async Task A_client_reconnects_when_its_coordinator_restarts()
    {
        var server = CreateTestProbe();
        var first = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(server));
        var port = first.Port;
        var handler = CreateTestProbe();
        var client = Sys.ActorOf(EdgeClientActor.Props(Settings(EdgeRole.Helper, first.Address), handler));
        handler.ExpectMsg<EdgeConnected>();
        server.ExpectMsg<Opened>();

        await first.StopAsync();
        await first.DisposeAsync();
        var disconnected = handler.ExpectMsg<EdgeDisconnected>();
        Assert.Equal(EdgeCloseCode.ShuttingDown, disconnected.Code);
        handler.ExpectMsg<EdgeConnectFailed>();

        await using var second = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(server), new EdgeServerOptions { Port = port });
        handler.FishForMessage(m => m is EdgeConnected, TimeSpan.FromSeconds(5));
        server.FishForMessage(m => m is Opened, TimeSpan.FromSeconds(5));
        client.Tell(new HelperLoad(1, 2));
        Assert.Equal(new HelperLoad(1, 2), server.FishForMessage<Inbound>(_ => true, TimeSpan.FromSeconds(5)).Message);
    }

    [Fact]
    public async Task A_client_dropped_by_its_coordinator_connects_again()
    {
        var server = CreateTestProbe();
        await using var host = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(server));
        var handler = CreateTestProbe();
        Sys.ActorOf(EdgeClientActor.Props(Settings(EdgeRole.Gamer, host.Address), handler));
        handler.ExpectMsg<EdgeConnected>();
        var opened = server.ExpectMsg<Opened>();

        opened.Actor.Tell(new CloseCommand(EdgeCloseCode.Normal, "bye for now"));

        Assert.Equal(new EdgeDisconnected("bye for now", EdgeCloseCode.Normal), handler.ExpectMsg<EdgeDisconnected>());
        handler.ExpectMsg<EdgeConnected>();
        Assert.NotEqual(opened.Peer.ConnectionId, server.FishForMessage<Opened>(_ => true, TimeSpan.FromSeconds(5)).Peer.ConnectionId);
    }

    [Fact]
    public async Task A_client_bound_to_a_local_address_is_observed_from_it()
    {
        var server = CreateTestProbe();
        await using var host = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(server));
        var handler = CreateTestProbe();

        Sys.ActorOf(EdgeClientActor.Props(Settings(EdgeRole.Helper, host.Address) with { LocalAddress = IPAddress.Parse("127.0.0.2") }, handler));

        handler.ExpectMsg<EdgeConnected>();
        Assert.Equal(IPAddress.Parse("127.0.0.2"), server.ExpectMsg<Opened>().Peer.Remote.Address);
    }

    [Fact]
    public async Task A_client_refused_admission_is_told_why()
    {
        await using var host = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(TestActor), new EdgeServerOptions { AdmissionToken = "letmein" });
        var handler = CreateTestProbe();

        Sys.ActorOf(EdgeClientActor.Props(Settings(EdgeRole.Helper, host.Address) with { AdmissionToken = "guess" }, handler));

        Assert.Equal(EdgeCloseCode.AdmissionRefused, handler.ExpectMsg<EdgeConnectFailed>().Code);

        var admitted = CreateTestProbe();
        Sys.ActorOf(EdgeClientActor.Props(Settings(EdgeRole.Helper, host.Address) with { AdmissionToken = "letmein" }, admitted));
        admitted.ExpectMsg<EdgeConnected>();
    }

    [Fact]
    public async Task A_client_speaks_tls_to_a_server_with_a_certificate_it_trusts()
    {
        using var certificate = TestCertificates.SelfSigned();
        var server = CreateTestProbe();
        await using var host = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(server), new EdgeServerOptions { Certificate = certificate });
        var handler = CreateTestProbe();
        var thumbprint = certificate.GetCertHashString();

        var client = Sys.ActorOf(EdgeClientActor.Props(Settings(EdgeRole.Gamer, host.Address) with
        {
            Tls = true,
            TlsServerName = "localhost",
            TlsCertificateValidation = (_, presented, _, _) => presented?.GetCertHashString() == thumbprint,
        }, handler));

        handler.ExpectMsg<EdgeConnected>();
        var opened = server.ExpectMsg<Opened>();
        client.Tell(new StartSession(20));
        Assert.Equal(new StartSession(20), server.ExpectMsg<Inbound>().Message);
        opened.Actor.Tell(new SendCommand(new SessionStarted("s-9", 20)));
        Assert.Equal(new SessionStarted("s-9", 20), handler.ExpectMsg<SessionStarted>());

        var untrusting = CreateTestProbe();
        Sys.ActorOf(EdgeClientActor.Props(Settings(EdgeRole.Gamer, host.Address) with { Tls = true, TlsServerName = "localhost" }, untrusting));
        untrusting.ExpectMsg<EdgeConnectFailed>();
    }

    [Fact]
    public async Task A_client_answers_pings_so_the_server_keeps_it()
    {
        var server = CreateTestProbe();
        await using var host = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(server), new EdgeServerOptions { Heartbeat = TimeSpan.FromMilliseconds(100), MissedHeartbeats = 8 });
        var handler = CreateTestProbe();

        var client = Sys.ActorOf(EdgeClientActor.Props(Settings(EdgeRole.Helper, host.Address) with { Heartbeat = TimeSpan.FromSeconds(30) }, handler));

        handler.ExpectMsg<EdgeConnected>();
        var opened = server.ExpectMsg<Opened>();
        await Task.Delay(TimeSpan.FromMilliseconds(1600));
        Assert.True(server.HasMessages is false, string.Join("\n", host.Logs.Lines));
        handler.ExpectNoMsg(TimeSpan.FromMilliseconds(10));
        Assert.NotEqual(TimeSpan.MinValue, await opened.Actor.Ask<TimeSpan>(new RoundTripQuery(), TimeSpan.FromSeconds(3)));
        Assert.True((await client.Ask<EdgeStatus>(GetEdgeStatus.Instance, TimeSpan.FromSeconds(3))).Connected);
    }

    [Fact]
    public async Task A_client_measures_its_round_trip_and_drops_a_silent_coordinator()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var address = new CoordinatorAddress("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port);
        var handler = CreateTestProbe();

        var client = Sys.ActorOf(EdgeClientActor.Props(Settings(EdgeRole.Helper, address) with { Heartbeat = TimeSpan.FromMilliseconds(100), MissedHeartbeats = 5 }, handler));

        await using var coordinator = RawEdgeClient.Over(await listener.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(5)));
        await coordinator.SendAsync(new Challenge(2, new byte[32], "fake"));
        var hello = Assert.IsType<Hello>(await coordinator.ReadAsync());
        Assert.True(EdgeIdentityProof.TryVerify(hello, new byte[32], out var account));
        await coordinator.SendAsync(new Welcome(account, 100, 1 << 20));
        handler.ExpectMsg<EdgeConnected>();

        var ping = Assert.IsType<Ping>(await coordinator.ReadAsync());
        await coordinator.SendAsync(new Pong(ping.Sequence, ping.SentMicros));
        await coordinator.SendAsync(new Ping(77, 123));
        Assert.Equal(new Pong(77, 123), await SkipPingsAsync(coordinator));
        AwaitAssert(() => Assert.NotNull(client.Ask<EdgeStatus>(GetEdgeStatus.Instance, TimeSpan.FromSeconds(3)).Result.RoundTrip), TimeSpan.FromSeconds(3));

        var disconnected = handler.ExpectMsg<EdgeDisconnected>(TimeSpan.FromSeconds(5));
        Assert.Equal(EdgeCloseCode.HeartbeatTimeout, disconnected.Code);
        Assert.Equal(EdgeCloseCode.HeartbeatTimeout, (await coordinator.ReadGoodbyeAsync())?.Code);
    }

    [Fact]
    public async Task Stopping_the_client_says_goodbye_and_stops_the_server_side_actor()
    {
        var server = CreateTestProbe();
        await using var host = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(server));
        var handler = CreateTestProbe();
        var client = Sys.ActorOf(EdgeClientActor.Props(Settings(EdgeRole.Helper, host.Address), handler));
        handler.ExpectMsg<EdgeConnected>();
        var opened = server.ExpectMsg<Opened>();
        client.Tell(new HelperLoad(0, 1));

        client.Tell(PoisonPill.Instance);

        Assert.Equal(new HelperLoad(0, 1), server.ExpectMsg<Inbound>().Message);
        Assert.Equal(opened.Peer, server.ExpectMsg<ConnectionActorStopped>().Peer);
        AwaitCondition(() => host.Logs.Contains("closed by the peer: Normal the client stopped"), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_helper_asked_to_move_dials_the_named_node_first_and_its_own_list_after()
    {
        var server = CreateTestProbe();
        await using var first = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(server));
        await using var second = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(server));
        var target = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(server));
        var handler = CreateTestProbe();
        Sys.ActorOf(EdgeClientActor.Props(Settings(EdgeRole.Helper, first.Address, second.Address), handler));
        Assert.Equal(first.Address, handler.ExpectMsg<EdgeConnected>().Coordinator);
        var opened = server.ExpectMsg<Opened>();

        opened.Actor.Tell(new SendCommand(new HelperMove(target.Address.ToString())));
        opened.Actor.Tell(new CloseCommand(EdgeCloseCode.Normal, "moved"));

        handler.ExpectMsg<EdgeDisconnected>();
        Assert.Equal(target.Address, handler.ExpectMsg<EdgeConnected>().Coordinator);

        await target.StopAsync();
        await target.DisposeAsync();
        handler.ExpectMsg<EdgeDisconnected>();
        Assert.Equal(first.Address, handler.FishForMessage<EdgeConnected>(_ => true, TimeSpan.FromSeconds(10)).Coordinator);
    }

    [Fact]
    public async Task A_helper_moved_to_a_node_it_cannot_reach_goes_back_to_its_list_at_once()
    {
        var server = CreateTestProbe();
        await using var host = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(server));
        var handler = CreateTestProbe();
        Sys.ActorOf(EdgeClientActor.Props(Settings(EdgeRole.Helper, host.Address) with { BackoffMin = TimeSpan.FromSeconds(30), BackoffMax = TimeSpan.FromSeconds(60) }, handler));
        handler.ExpectMsg<EdgeConnected>();
        var opened = server.ExpectMsg<Opened>();
        var dead = new CoordinatorAddress("127.0.0.1", EdgeTestServer.UnusedPort());

        // Not host:port: refused, and the helper stays where it is.
        opened.Actor.Tell(new SendCommand(new HelperMove("http://127.0.0.1:1")));
        handler.ExpectNoMsg(TimeSpan.FromMilliseconds(500));

        opened.Actor.Tell(new SendCommand(new HelperMove(dead.ToString())));

        handler.ExpectMsg<EdgeDisconnected>();
        Assert.Equal(dead, handler.ExpectMsg<EdgeConnectFailed>().Coordinator);
        Assert.Equal(host.Address, handler.ExpectMsg<EdgeConnected>(TimeSpan.FromSeconds(5)).Coordinator);
    }

    [Theory]
    [InlineData("node-b.example:8765", true)]
    [InlineData("10.0.0.2:8765", true)]
    [InlineData("[2001:db8::1]:8765", true)]
    [InlineData("http://node-b.example:8765", false)]
    [InlineData("node-b.example/x:8765", false)]
    [InlineData("user@node-b.example:8765", false)]
    [InlineData("node-b.example", false)]
    [InlineData("node-b.example:0", false)]
    [InlineData("", false)]
    public void Only_host_and_port_are_taken_from_a_coordinator(string text, bool taken)
    {
        Assert.Equal(taken, CoordinatorAddress.TryParseHostPort(text, out _));
    }

    private static async Task<IEdgeMessage?> SkipPingsAsync(RawEdgeClient peer)
    {
        while (true)
        {
            var message = await peer.ReadAsync();
            if (message is not Ping)
            {
                return message;
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            key.Dispose();
        }
    }
}
