using System.Net;
using System.Security.Cryptography;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using P2C2R.Edge.Server;
using P2C2R.Edge.Tests.Support;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Edge.Tests;

public sealed class ConnectionTests : TestKit
{
    private static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    [Fact]
    public async Task Messages_flow_both_ways_between_the_socket_and_the_connection_actor()
    {
        var probe = CreateTestProbe();
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(probe));
        using var key = NewKey();
        await using var gamer = await RawEdgeClient.ConnectAsync(server.Port);
        await gamer.JoinAsync(key, EdgeRole.Gamer);
        var opened = probe.ExpectMsg<Opened>();

        await gamer.SendAsync(new QueryBalance());
        await gamer.SendAsync(new PlayerInput(1, 3));
        var first = probe.ExpectMsg<Inbound>();
        Assert.IsType<QueryBalance>(first.Message);
        Assert.True(first.Sender.IsNobody());
        Assert.Equal(new PlayerInput(1, 3), probe.ExpectMsg<Inbound>().Message);

        Assert.True(await opened.Actor.Ask<bool>(new SendCommand(new AccountBalance(opened.Peer.Account, 12)), TimeSpan.FromSeconds(3)));
        Assert.Equal(new AccountBalance(opened.Peer.Account, 12), await gamer.ReadAsync());
    }

    [Fact]
    public async Task A_helper_sending_a_gamer_message_is_closed_and_other_connections_keep_working()
    {
        var probe = CreateTestProbe();
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(probe));
        using var key = NewKey();
        await using var helper = await RawEdgeClient.ConnectAsync(server.Port);
        await using var gamer = await RawEdgeClient.ConnectAsync(server.Port);
        await helper.JoinAsync(key, EdgeRole.Helper);
        var helperPeer = probe.ExpectMsg<Opened>().Peer;
        await gamer.JoinAsync(key, EdgeRole.Gamer);
        probe.ExpectMsg<Opened>();

        await helper.SendAsync(new StartSession(30));

        var goodbye = await helper.ReadGoodbyeAsync();
        Assert.Equal(EdgeCloseCode.NotAllowedForRole, goodbye?.Code);
        Assert.Contains("session.start", goodbye!.Reason, StringComparison.Ordinal);
        Assert.Equal(helperPeer, probe.ExpectMsg<ConnectionActorStopped>().Peer);
        AwaitCondition(() => server.Logs.Contains(goodbye.Reason), TimeSpan.FromSeconds(3));

        await gamer.SendAsync(new StartSession(30));
        Assert.IsType<StartSession>(probe.ExpectMsg<Inbound>().Message);
    }

    [Theory]
    [InlineData(EdgeRole.Gamer, (ushort)24)]
    [InlineData(EdgeRole.Gamer, (ushort)1)]
    [InlineData(EdgeRole.Helper, (ushort)44)]
    [InlineData(EdgeRole.Helper, (ushort)2)]
    [InlineData(EdgeRole.Helper, (ushort)3)]
    public async Task A_code_the_role_may_not_send_is_refused_before_its_body_is_decoded(EdgeRole role, ushort code)
    {
        var probe = CreateTestProbe();
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(probe));
        using var key = NewKey();
        await using var client = await RawEdgeClient.ConnectAsync(server.Port);
        await client.JoinAsync(key, role);
        probe.ExpectMsg<Opened>();

        await client.SendRawAsync(RawEdgeClient.Frame(code, [0xc1, 0xc1]));

        Assert.Equal(EdgeCloseCode.NotAllowedForRole, (await client.ReadGoodbyeAsync())?.Code);
        probe.ExpectMsg<ConnectionActorStopped>();
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Thousands_of_malformed_frames_close_only_their_connections_and_the_server_serves_on()
    {
        var probe = CreateTestProbe();
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(probe), new EdgeServerOptions { MaxConnectionsPerIp = 1000 });
        using var key = NewKey();
        await using var bystander = await RawEdgeClient.ConnectAsync(server.Port);
        await bystander.JoinAsync(key, EdgeRole.Gamer);
        probe.ExpectMsg<Opened>();

        var random = new Random(99);
        var sent = 0;
        var closed = 0;
        for (var batch = 0; batch < 10; batch++)
        {
            var attackers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
            {
                var attacker = await RawEdgeClient.ConnectAsync(server.Port);
                if (i % 2 == 0)
                {
                    await attacker.JoinAsync(key, i % 4 == 0 ? EdgeRole.Helper : EdgeRole.Gamer);
                }

                return attacker;
            }));
            foreach (var attacker in attackers)
            {
                var garbage = new List<byte>();
                for (var f = 0; f < 50; f++, sent++)
                {
                    var body = new byte[random.Next(1, 40)];
                    random.NextBytes(body);
                    body[0] = 0xc1;
                    garbage.AddRange(RawEdgeClient.Frame((ushort)(f % 2 == 0 ? 43 : 22), body));
                }

                await attacker.SendRawAsync(garbage.ToArray());
            }

            foreach (var attacker in attackers)
            {
                closed += await attacker.ClosedWithinAsync(TimeSpan.FromSeconds(5)) ? 1 : 0;
                await attacker.DisposeAsync();
            }
        }

        Assert.Equal(10_000, sent);
        Assert.Equal(200, closed);
        await bystander.SendAsync(new QueryBalance());
        Assert.IsType<QueryBalance>(probe.FishForMessage<Inbound>(_ => true, TimeSpan.FromSeconds(5)).Message);

        await using var newcomer = await RawEdgeClient.ConnectAsync(server.Port);
        await newcomer.JoinAsync(key, EdgeRole.Gamer);
        await newcomer.SendAsync(new ListSessions());
        Assert.IsType<ListSessions>(probe.FishForMessage<Inbound>(m => m.Message is ListSessions, TimeSpan.FromSeconds(5)).Message);
        AwaitCondition(() => server.Limiter.OpenFrom(IPAddress.Loopback) == 2, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_message_flood_is_rate_limited_and_the_server_serves_on()
    {
        var probe = CreateTestProbe();
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(probe), new EdgeServerOptions { MessagesPerSecond = 2000, Burst = 4000 });
        using var key = NewKey();
        await using var flooder = await RawEdgeClient.ConnectAsync(server.Port);
        await flooder.JoinAsync(key, EdgeRole.Gamer);
        probe.ExpectMsg<Opened>();

        var frame = RawEdgeClient.Frame(43, [0x92, 0x01, 0x01]);
        var flood = new byte[frame.Length * 20_000];
        for (var i = 0; i < 20_000; i++)
        {
            frame.CopyTo(flood, i * frame.Length);
        }

        await flooder.SendRawAsync(flood);
        Assert.Equal(EdgeCloseCode.RateLimited, (await flooder.ReadGoodbyeAsync(TimeSpan.FromSeconds(10)))?.Code);
        var delivered = 0;
        probe.FishForMessage(m =>
        {
            if (m is Inbound)
            {
                delivered++;
            }

            return m is ConnectionActorStopped;
        }, TimeSpan.FromSeconds(10));
        Assert.InRange(delivered, 4000, 5000);

        await using var good = await RawEdgeClient.ConnectAsync(server.Port);
        await good.JoinAsync(key, EdgeRole.Gamer);
        probe.ExpectMsg<Opened>();
        await good.SendAsync(new QueryBalance());
        Assert.IsType<QueryBalance>(probe.ExpectMsg<Inbound>().Message);
    }

    [Fact]
    public async Task A_frame_over_the_maximum_is_refused_and_a_large_one_under_it_passes()
    {
        var probe = CreateTestProbe();
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(probe));
        using var key = NewKey();
        await using var helper = await RawEdgeClient.ConnectAsync(server.Port);
        await helper.JoinAsync(key, EdgeRole.Helper);
        probe.ExpectMsg<Opened>();

        var output = new byte[3 * 1024 * 1024];
        Random.Shared.NextBytes(output);
        await helper.SendAsync(new TaskResult(1, TaskResultStatus.Ok, output, null, 5));
        Assert.Equal(output, Assert.IsType<TaskResult>(probe.ExpectMsg<Inbound>(TimeSpan.FromSeconds(10)).Message).Output);

        await helper.SendRawAsync(new byte[] { 0x00, 0x40, 0x00, 0x01, 0x00, 24 });
        Assert.Equal(EdgeCloseCode.FrameTooLarge, (await helper.ReadGoodbyeAsync())?.Code);
        probe.ExpectMsg<ConnectionActorStopped>();
    }

    [Fact]
    public async Task Connections_from_one_address_are_capped_and_others_still_admitted()
    {
        var probe = CreateTestProbe();
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(probe), new EdgeServerOptions { MaxConnectionsPerIp = 3 });
        using var key = NewKey();
        var open = new List<RawEdgeClient>();
        for (var i = 0; i < 3; i++)
        {
            var client = await RawEdgeClient.ConnectAsync(server.Port);
            await client.JoinAsync(key, EdgeRole.Helper);
            open.Add(client);
        }

        await using (var fourth = await RawEdgeClient.ConnectAsync(server.Port))
        {
            var goodbye = Assert.IsType<Goodbye>(await fourth.ReadAsync());
            Assert.Equal(EdgeCloseCode.TooManyConnections, goodbye.Code);
            Assert.True(await fourth.ClosedWithinAsync(TimeSpan.FromSeconds(3)));
        }

        await using (var elsewhere = await RawEdgeClient.ConnectAsync(server.Port, IPAddress.Parse("127.0.0.3")))
        {
            await elsewhere.JoinAsync(key, EdgeRole.Helper);
        }

        await open[0].DisposeAsync();
        AwaitCondition(() => server.Limiter.OpenFrom(IPAddress.Loopback) == 2, TimeSpan.FromSeconds(5));
        await using var again = await RawEdgeClient.ConnectAsync(server.Port);
        await again.JoinAsync(key, EdgeRole.Helper);
        foreach (var client in open.Skip(1))
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_silent_peer_is_closed_after_the_missed_heartbeats()
    {
        var probe = CreateTestProbe();
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(probe), new EdgeServerOptions { Heartbeat = TimeSpan.FromMilliseconds(100), MissedHeartbeats = 5 });
        using var key = NewKey();
        await using var silent = await RawEdgeClient.ConnectAsync(server.Port);
        await silent.JoinAsync(key, EdgeRole.Helper);
        probe.ExpectMsg<Opened>();
        var started = DateTime.UtcNow;

        var pings = 0;
        Goodbye? goodbye = null;
        while (goodbye is null && DateTime.UtcNow - started < TimeSpan.FromSeconds(5))
        {
            switch (await silent.ReadAsync())
            {
                case Ping:
                    pings++;
                    break;
                case Goodbye g:
                    goodbye = g;
                    break;
            }
        }

        Assert.Equal(EdgeCloseCode.HeartbeatTimeout, goodbye?.Code);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(3));
        Assert.InRange(pings, 3, 30);
        probe.ExpectMsg<ConnectionActorStopped>();
    }

    [Fact]
    public async Task A_peer_that_answers_pings_stays_and_its_round_trip_is_measured()
    {
        var probe = CreateTestProbe();
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(probe), new EdgeServerOptions { Heartbeat = TimeSpan.FromMilliseconds(100), MissedHeartbeats = 3 });
        using var key = NewKey();
        await using var client = await RawEdgeClient.ConnectAsync(server.Port);
        await client.JoinAsync(key, EdgeRole.Helper);
        var actor = probe.ExpectMsg<Opened>().Actor;

        var until = DateTime.UtcNow.AddMilliseconds(800);
        while (DateTime.UtcNow < until)
        {
            var message = await client.ReadAsync();
            var ping = Assert.IsType<Ping>(message);
            await client.SendAsync(new Pong(ping.Sequence, ping.SentMicros));
        }

        var roundTrip = await actor.Ask<TimeSpan>(new RoundTripQuery(), TimeSpan.FromSeconds(3));
        Assert.InRange(roundTrip, TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task A_peer_that_does_not_read_is_closed_as_a_slow_consumer()
    {
        var probe = CreateTestProbe();
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(probe), new EdgeServerOptions { OutboundQueueCapacity = 16 });
        using var key = NewKey();
        await using var gamer = await RawEdgeClient.ConnectAsync(server.Port);
        await gamer.JoinAsync(key, EdgeRole.Gamer);
        var actor = probe.ExpectMsg<Opened>().Actor;

        var frame = new FrameUpdate(1, 640, 360, true, new byte[256 * 1024], 0, SessionCounters.Zero);
        var accepted = 0;
        for (var i = 0; i < 2000; i++)
        {
            if (!await actor.Ask<bool>(new SendCommand(frame), TimeSpan.FromSeconds(3)))
            {
                break;
            }

            accepted++;
        }

        Assert.InRange(accepted, 16, 1999);
        var goodbye = await gamer.ReadGoodbyeAsync(TimeSpan.FromSeconds(10));
        Assert.True(goodbye?.Code == EdgeCloseCode.SlowConsumer, $"{goodbye} after {accepted} frames\n{string.Join("\n", server.Logs.Lines)}");
        probe.ExpectMsg<ConnectionActorStopped>();
    }

    [Fact]
    public async Task The_socket_closing_stops_the_actor()
    {
        var probe = CreateTestProbe();
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(probe));
        using var key = NewKey();
        var client = await RawEdgeClient.ConnectAsync(server.Port);
        await client.JoinAsync(key, EdgeRole.Gamer);
        var opened = probe.ExpectMsg<Opened>();
        await client.SendAsync(new QueryBalance());

        await client.DisposeAsync();

        Assert.IsType<QueryBalance>(probe.ExpectMsg<Inbound>().Message);
        Assert.Equal(opened.Peer, probe.ExpectMsg<ConnectionActorStopped>().Peer);
    }

    [Fact]
    public async Task The_actor_stopping_closes_the_socket_after_what_it_queued()
    {
        var probe = CreateTestProbe();
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(probe));
        using var key = NewKey();
        await using var client = await RawEdgeClient.ConnectAsync(server.Port);
        await client.JoinAsync(key, EdgeRole.Gamer);
        var actor = probe.ExpectMsg<Opened>().Actor;

        actor.Tell(new SendCommand(new SessionEnded("s", SessionCounters.Zero)));
        actor.Tell("stop");

        Assert.IsType<SessionEnded>(await client.ReadAsync());
        Assert.Equal(EdgeCloseCode.Normal, (await client.ReadGoodbyeAsync())?.Code);
        Assert.True(await client.ClosedWithinAsync(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task An_actor_closing_with_a_code_sends_it_in_the_goodbye()
    {
        var probe = CreateTestProbe();
        await using var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(probe));
        using var key = NewKey();
        await using var client = await RawEdgeClient.ConnectAsync(server.Port);
        await client.JoinAsync(key, EdgeRole.Helper);
        var actor = probe.ExpectMsg<Opened>().Actor;

        actor.Tell(new CloseCommand(EdgeCloseCode.BlobMismatch, "a blob did not match"));

        var goodbye = await client.ReadGoodbyeAsync();
        Assert.Equal(new Goodbye(EdgeCloseCode.BlobMismatch, "a blob did not match"), goodbye);
        probe.ExpectMsg<ConnectionActorStopped>();
    }

    [Fact]
    public async Task Stopping_the_server_says_goodbye_with_shutting_down()
    {
        var probe = CreateTestProbe();
        var server = await EdgeTestServer.StartAsync(Sys, new ProbeEndpoint(probe));
        using var key = NewKey();
        await using var client = await RawEdgeClient.ConnectAsync(server.Port);
        await client.JoinAsync(key, EdgeRole.Helper);
        probe.ExpectMsg<Opened>();

        var stopping = server.StopAsync();

        Assert.Equal(EdgeCloseCode.ShuttingDown, (await client.ReadGoodbyeAsync())?.Code);
        await stopping.WaitAsync(TimeSpan.FromSeconds(5));
        probe.ExpectMsg<ConnectionActorStopped>();
        await server.DisposeAsync();
    }
}
