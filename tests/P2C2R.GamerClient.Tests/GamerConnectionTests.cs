using Akka.Actor;
using Akka.TestKit.Xunit2;
using P2C2R.Edge.Client;
using P2C2R.GamerClient.Connection;
using P2C2R.GamerClient.Tests.Support;
using P2C2R.Protocol.Contracts;

namespace P2C2R.GamerClient.Tests;

/// <summary>Request/reply as the commands use it, over a probe standing in for the edge client.</summary>
public sealed class GamerConnectionTests : TestKit
{
    private static readonly GamerSettings Settings = new(
        [new CoordinatorAddress("127.0.0.1", 8765)], "unused.key", null, "test",
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(3));

    [Fact]
    public async Task A_request_gets_its_reply()
    {
        var client = CreateTestProbe();
        await using var connection = await Connected(client);
        Assert.Equal("acct", connection.Account);

        var asking = connection.RequestAsync<AccountBalance>(new QueryBalance());
        client.ExpectMsg<QueryBalance>();
        client.Reply(new AccountBalance("acct", 7));

        Assert.Equal(7, (await asking).Credits);
    }

    [Fact]
    public async Task A_request_without_a_reply_times_out_with_a_clear_message()
    {
        var client = CreateTestProbe();
        await using var connection = await Connected(client);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => connection.RequestAsync<SessionList>(new ListSessions()));

        Assert.Contains("did not answer ListSessions within 3 s", error.Message);
    }

    [Fact]
    public async Task Not_found_becomes_an_exception_naming_the_session()
    {
        var client = CreateTestProbe();
        await using var connection = await Connected(client);

        var asking = connection.RequestAsync<SessionInfo>(new QuerySession("nope"));
        client.ExpectMsg<QuerySession>();
        client.Reply(new SessionNotFound("nope"));

        Assert.Equal("nope", (await Assert.ThrowsAsync<SessionNotFoundException>(() => asking)).SessionId);
    }

    [Fact]
    public async Task No_connection_within_the_timeout_is_an_error()
    {
        var client = CreateTestProbe();
        var settings = Settings with { ConnectTimeout = TimeSpan.FromMilliseconds(200) };

        await Assert.ThrowsAsync<CoordinatorUnavailableException>(() => GamerConnection.AttachAsync(Sys, _ => client.Ref, settings, ownsSystem: false));
    }

    /// <summary>Attaches a link whose client is <paramref name="client"/>, and connects it as the client would.</summary>
    private async Task<GamerConnection> Connected(Akka.TestKit.TestProbe client)
    {
        var link = new TaskCompletionSource<IActorRef>(TaskCreationOptions.RunContinuationsAsynchronously);
        var connecting = GamerConnection.AttachAsync(Sys, context =>
        {
            link.TrySetResult(context.Self);
            return client.Ref;
        }, Settings, ownsSystem: false);
        client.Send(await link.Task.WaitAsync(TimeSpan.FromSeconds(5)), TestEdge.Connected("acct"));
        return await connecting.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
