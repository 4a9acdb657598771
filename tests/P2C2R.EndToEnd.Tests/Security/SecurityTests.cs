using System.Security.Cryptography;
using System.Text;
using P2C2R.EndToEnd.Tests.Cluster;
using P2C2R.Edge.Client;
using P2C2R.Protocol.Contracts;

namespace P2C2R.EndToEnd.Tests.Security;

/// <summary>
/// What strangers on the internet can do to a real coordinator through its edge: nothing beyond
/// their own connection. Bytes that are not frames, floods of malformed frames, another account's
/// session ids and messages of the other role each close or answer only the connection that sent
/// them, while helpers keep joining and sessions keep streaming.
/// </summary>
[Collection(nameof(Simulations))]
public sealed class SecurityTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan CloseWithin = TimeSpan.FromSeconds(5);
    private static readonly Dictionary<string, string> ThirtyTicks = new() { ["p2c2r.coordinator.session.ticks-per-second"] = "30" };

    public SecurityTests() : base("akka.loglevel = WARNING")
    {
    }

    [Fact]
    public async Task Garbage_and_a_flood_of_malformed_frames_close_their_own_connections_while_helpers_join_and_a_session_streams()
    {
        await using var cluster = await SimulatedCluster.StartAsync(ThirtyTicks);
        cluster.AddHelper("helper-1");
        await cluster.Coordinator.WaitForHelpersAsync(1, TimeSpan.FromSeconds(10));
        var gamer = await cluster.StartSessionAsync(30);
        await EdgeParticipants.WaitForAsync(gamer, r => r.Frames.Length >= 15, TimeSpan.FromSeconds(20), "the session streaming");
        var attackAt = DateTime.UtcNow;

        var garbage = await Task.WhenAll(Enumerable.Range(0, 10).Select(seed => SendBeforeHandshakeAsync(cluster.Endpoint, Garbage(seed)))
            .Append(SendBeforeHandshakeAsync(cluster.Endpoint, Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: coordinator\r\n\r\n"))));
        var flood = await FloodAsync(cluster.Endpoint, 10_000);
        cluster.AddHelper("helper-after");
        await cluster.Coordinator.WaitForHelpersAsync(2, TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var report = await EdgeParticipants.EndSessionAsync(gamer);

        Assert.All(garbage, outcome =>
        {
            Assert.True(outcome.Closed, "a connection that sent garbage was still open 5 s later");
            Assert.True(outcome.Goodbye is null or { Code: EdgeCloseCode.FrameTooLarge }, $"garbage was answered {outcome.Goodbye}");
        });
        Assert.True(flood.Closed, "the connection flooding malformed frames was still open 5 s later");
        Assert.True(flood.Goodbye is null or { Code: EdgeCloseCode.MalformedFrame }, $"the flood was answered {flood.Goodbye}");
        var after = report.Frames.Where(f => f.At > attackAt).Select(f => f.At).ToArray();
        Assert.True(after.Length >= 15, $"only {after.Length} frames after the attack");
        var worstGap = after.Zip(after.Skip(1), (a, b) => (b - a).TotalMilliseconds).Max();
        Assert.True(worstGap < 1000, $"a {worstGap:0} ms gap between frames during the attack");
        Assert.Equal(Enumerable.Range(0, report.Frames.Length).Select(i => (long)i), report.Frames.Select(f => f.Tick));
        ReferenceFrames.AssertExact(report, cluster.Settings, 30);
    }

    [Fact]
    public async Task Another_account_can_neither_end_resume_query_nor_list_a_session_and_learns_only_that_it_is_not_found()
    {
        await using var cluster = await SimulatedCluster.StartAsync(ThirtyTicks);
        var owner = await cluster.StartSessionAsync(30);
        var sessionId = await EdgeParticipants.SessionIdAsync(owner, TimeSpan.FromSeconds(10));
        var stranger = CreateTestProbe();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var client = Sys.ActorOf(EdgeClientActor.Props(new EdgeClientSettings([cluster.Endpoint], EdgeRole.Gamer, "stranger", key), stranger.Ref));
        var strangerAccount = stranger.ExpectMsg<EdgeConnected>(TimeSpan.FromSeconds(10)).Welcome.Account;

        IEdgeMessage[] attempts = [new QuerySession(sessionId), new ResumeSession(sessionId), new EndSession(sessionId), new QueryInputLog(sessionId)];
        foreach (var attempt in attempts)
        {
            stranger.Send(client, attempt);
            Assert.Equal(new SessionNotFound(sessionId), stranger.ExpectMsg<SessionNotFound>(TimeSpan.FromSeconds(10)));
        }

        stranger.Send(client, new ListSessions());
        Assert.Empty(stranger.ExpectMsg<SessionList>(TimeSpan.FromSeconds(10)).Sessions);
        stranger.Send(client, new QueryBalance());
        Assert.Equal(strangerAccount, stranger.ExpectMsg<AccountBalance>(TimeSpan.FromSeconds(10)).Account);
        var attemptsDone = DateTime.UtcNow;
        var owned = await EdgeParticipants.WaitForAsync(owner, r => r.Frames.Count(f => f.At > attemptsDone) >= 15, TimeSpan.FromSeconds(20), "the owner's stream going on");
        stranger.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        var report = await EdgeParticipants.EndSessionAsync(owner);

        Assert.Null(owned.Final);
        Assert.NotEqual(strangerAccount, report.Account);
        Assert.Equal(1, report.Starts);
        Assert.Equal(Enumerable.Range(0, report.Frames.Length).Select(i => (long)i), report.Frames.Select(f => f.Tick));
    }

    [Fact]
    public async Task A_connection_sending_what_its_role_may_not_is_closed_and_nothing_it_sent_is_acted_on()
    {
        await using var cluster = await SimulatedCluster.StartAsync(ThirtyTicks);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var helper = CreateTestProbe();
        var helperClient = Sys.ActorOf(EdgeClientActor.Props(new EdgeClientSettings([cluster.Endpoint], EdgeRole.Helper, "posing-helper", key), helper.Ref));
        helper.ExpectMsg<EdgeConnected>(TimeSpan.FromSeconds(10));
        helper.Send(helperClient, new StartSession(30));
        Assert.Equal(EdgeCloseCode.NotAllowedForRole, helper.ExpectMsg<EdgeDisconnected>(TimeSpan.FromSeconds(10)).Code);
        Sys.Stop(helperClient);

        var gamer = CreateTestProbe();
        var gamerClient = Sys.ActorOf(EdgeClientActor.Props(new EdgeClientSettings([cluster.Endpoint], EdgeRole.Gamer, "posing-gamer", key), gamer.Ref));
        gamer.ExpectMsg<EdgeConnected>(TimeSpan.FromSeconds(10));
        gamer.Send(gamerClient, new ListSessions());
        Assert.Empty(gamer.ExpectMsg<SessionList>(TimeSpan.FromSeconds(10)).Sessions);
        gamer.Send(gamerClient, new RegisterHelper(new HelperCapabilities("posing-gamer", 1, 1L << 30, ["render.upscale"], 1, 1)));
        Assert.Equal(EdgeCloseCode.NotAllowedForRole, gamer.ExpectMsg<EdgeDisconnected>(TimeSpan.FromSeconds(10)).Code);
        Sys.Stop(gamerClient);

        Assert.Empty((await cluster.Coordinator.DirectoryAsync()).Helpers);
    }

    /// <summary>Random bytes whose first byte makes a frame length far above any limit.</summary>
    private static byte[] Garbage(int seed)
    {
        var bytes = new byte[4096];
        new Random(seed).NextBytes(bytes);
        bytes[0] |= 0x80;
        return bytes;
    }

    private static async Task<(Goodbye? Goodbye, bool Closed)> SendBeforeHandshakeAsync(CoordinatorAddress coordinator, byte[] bytes)
    {
        await using var socket = await RawEdgeSocket.ConnectAsync(coordinator);
        Assert.IsType<Challenge>(await socket.ReadAsync(CloseWithin));
        await socket.WriteAsync(bytes);
        return await socket.ReadUntilClosedAsync(CloseWithin);
    }

    /// <summary>A gamer that passed the handshake, then <paramref name="frames"/> frames whose bodies do not decode, in one burst.</summary>
    private static async Task<(Goodbye? Goodbye, bool Closed)> FloodAsync(CoordinatorAddress coordinator, int frames)
    {
        await using var socket = await RawEdgeSocket.ConnectAsync(coordinator);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await socket.HandshakeAsync(key, EdgeRole.Gamer, "flooder");
        byte[] malformed = [0, 0, 0, 3, 0, 40, 0xC1];
        var burst = new byte[malformed.Length * frames];
        for (var i = 0; i < frames; i++)
        {
            malformed.CopyTo(burst, i * malformed.Length);
        }

        await socket.WriteAsync(burst);
        return await socket.ReadUntilClosedAsync(CloseWithin);
    }
}
