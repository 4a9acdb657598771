using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using P2C2R.Edge.Client;
using P2C2R.GamerClient.Connection;
using P2C2R.GamerClient.Tests.Support;
using P2C2R.Protocol.Contracts;

namespace P2C2R.GamerClient.Tests;

/// <summary>The link between commands and the edge client, with a probe as the client.</summary>
public sealed class EdgeLinkActorTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly TestProbe _client;
    private readonly IActorRef _link;

    public EdgeLinkActorTests()
    {
        _client = CreateTestProbe();
        _link = Sys.ActorOf(EdgeLinkActor.Props(_ => _client.Ref));
    }

    [Fact]
    public async Task Replies_go_to_requests_in_order_and_frames_in_between_to_the_subscriber()
    {
        var player = CreateTestProbe();
        Connect();
        _link.Tell(new SubscribeEdge(player));
        player.ExpectMsg<EdgeConnected>();

        var status = _link.Ask<IEdgeMessage>(new EdgeRequest(new QuerySession("a")), Wait);
        var balance = _link.Ask<IEdgeMessage>(new EdgeRequest(new QueryBalance()), Wait);
        Assert.Equal("a", _client.ExpectMsg<QuerySession>().SessionId);
        _client.ExpectMsg<QueryBalance>();
        var frame = TestFrames.Key(0, TestFrames.Rgb(0));
        _link.Tell(frame, _client);
        _link.Tell(new SessionInfo("a", "me", true, 3, SessionCounters.Zero, ""), _client);
        _link.Tell(new AccountBalance("me", 12), _client);

        Assert.Equal("a", Assert.IsType<SessionInfo>(await status).SessionId);
        Assert.Equal(12, Assert.IsType<AccountBalance>(await balance).Credits);
        Assert.Same(frame, player.ExpectMsg<FrameUpdate>());
        player.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Replies_of_one_kind_go_first_in_first_out()
    {
        Connect();
        var first = _link.Ask<IEdgeMessage>(new EdgeRequest(new QueryBalance()), Wait);
        var second = _link.Ask<IEdgeMessage>(new EdgeRequest(new QueryBalance()), Wait);
        _client.ExpectMsg<QueryBalance>();
        _client.ExpectMsg<QueryBalance>();

        _link.Tell(new AccountBalance("me", 1), _client);
        _link.Tell(new AccountBalance("me", 2), _client);

        Assert.Equal(1, Assert.IsType<AccountBalance>(await first).Credits);
        Assert.Equal(2, Assert.IsType<AccountBalance>(await second).Credits);
    }

    [Fact]
    public async Task A_reply_to_a_later_request_fails_the_earlier_ones_that_got_none()
    {
        Connect();
        var first = _link.Ask<IEdgeMessage>(new EdgeRequest(new QueryBalance()), Wait);
        var second = _link.Ask<IEdgeMessage>(new EdgeRequest(new ListSessions()), Wait);
        _client.ExpectMsg<QueryBalance>();
        _client.ExpectMsg<ListSessions>();

        _link.Tell(new SessionList([]), _client);

        await Assert.ThrowsAsync<CoordinatorUnavailableException>(() => first);
        Assert.IsType<SessionList>(await second);
    }

    [Fact]
    public async Task Not_found_answers_the_request_about_that_session()
    {
        Connect();
        var log = _link.Ask<IEdgeMessage>(new EdgeRequest(new QueryInputLog("x")), Wait);
        _client.ExpectMsg<QueryInputLog>();

        _link.Tell(new SessionNotFound("y"), _client);
        _link.Tell(new SessionNotFound("x"), _client);

        Assert.Equal("x", Assert.IsType<SessionNotFound>(await log).SessionId);
    }

    [Fact]
    public async Task A_lost_connection_fails_the_requests_it_did_not_answer()
    {
        Connect();
        var pending = _link.Ask<IEdgeMessage>(new EdgeRequest(new ListSessions()), Wait);
        _client.ExpectMsg<ListSessions>();

        _link.Tell(new EdgeDisconnected("connection reset", null), _client);

        var error = await Assert.ThrowsAsync<CoordinatorUnavailableException>(() => pending);
        Assert.Contains("connection reset", error.Message);
        await Assert.ThrowsAsync<CoordinatorUnavailableException>(() => _link.Ask<IEdgeMessage>(new EdgeRequest(new ListSessions()), Wait));
        _client.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_request_the_client_could_not_send_fails()
    {
        Connect();
        var pending = _link.Ask<IEdgeMessage>(new EdgeRequest(new ListSessions()), Wait);
        var sent = _client.ExpectMsg<ListSessions>();

        _client.Reply(new EdgeUndelivered(sent));

        await Assert.ThrowsAsync<CoordinatorUnavailableException>(() => pending);
    }

    [Fact]
    public void Other_wire_messages_pass_to_the_client_with_their_sender()
    {
        var player = CreateTestProbe();
        _link.Tell(new PlayerInput(1, 4), player);

        Assert.Equal(new PlayerInput(1, 4), _client.ExpectMsg<PlayerInput>());
        Assert.Equal(player.Ref, _client.LastSender);
    }

    [Fact]
    public async Task A_session_that_ended_on_request_is_news_to_the_subscriber_too()
    {
        var player = CreateTestProbe();
        Connect();
        _link.Tell(new SubscribeEdge(player));
        player.ExpectMsg<EdgeConnected>();
        var end = _link.Ask<IEdgeMessage>(new EdgeRequest(new EndSession("s")), Wait);
        _client.ExpectMsg<EndSession>();

        _link.Tell(new SessionEnded("s", SessionCounters.Zero), _client);

        Assert.IsType<SessionEnded>(await end);
        Assert.Equal("s", player.ExpectMsg<SessionEnded>().SessionId);
    }

    [Fact]
    public async Task Waiting_for_a_connection_ends_at_the_timeout_with_the_last_problem()
    {
        var waiting = _link.Ask<EdgeConnected>(new AwaitEdgeConnected(TimeSpan.FromMilliseconds(200)), Wait);
        _link.Tell(new EdgeConnectFailed(new CoordinatorAddress("127.0.0.1", 9), "ConnectionRefused", null), _client);

        var error = await Assert.ThrowsAsync<CoordinatorUnavailableException>(() => waiting);
        Assert.Contains("ConnectionRefused", error.Message);
    }

    [Fact]
    public async Task A_refusal_that_would_repeat_ends_the_wait_at_once()
    {
        var waiting = _link.Ask<EdgeConnected>(new AwaitEdgeConnected(TimeSpan.FromSeconds(30)), Wait);
        _link.Tell(new EdgeConnectFailed(new CoordinatorAddress("127.0.0.1", 9), "admission token refused", EdgeCloseCode.AdmissionRefused), _client);

        var error = await Assert.ThrowsAsync<CoordinatorUnavailableException>(() => waiting);
        Assert.Contains("refused", error.Message);
    }

    [Fact]
    public async Task Waiting_for_a_connection_ends_when_it_is_up()
    {
        var waiting = _link.Ask<EdgeConnected>(new AwaitEdgeConnected(Wait), Wait);
        var connected = TestEdge.Connected("acct");
        _link.Tell(connected, _client);

        Assert.Same(connected, await waiting);
        Assert.Same(connected, await _link.Ask<EdgeConnected>(new AwaitEdgeConnected(Wait), Wait));
    }

    private void Connect() => _link.Tell(TestEdge.Connected(), _client);
}
