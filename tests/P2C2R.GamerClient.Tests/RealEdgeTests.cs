using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Logging.Abstractions;
using P2C2R.Edge.Client;
using P2C2R.GamerClient.Connection;
using P2C2R.GamerClient.Play;
using P2C2R.GamerClient.Tests.Support;
using P2C2R.Protocol.Contracts;

namespace P2C2R.GamerClient.Tests;

/// <summary>
/// The gamer's connection and play actor over a real edge: the edge client dials a Kestrel edge
/// server in this process, handshakes with a key from a temporary identity file, and a fake
/// coordinator endpoint serves the session.
/// </summary>
public sealed class RealEdgeTests : TestKit, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly Config ClientConfig = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.stdout-loglevel = OFF
        akka.loggers = ["Akka.Hosting.Logging.LoggerFactoryLogger, Akka.Hosting"]
        """);

    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("gamer-keys-");

    [Fact]
    public async Task A_gamer_sees_its_own_balance_and_only_its_own_sessions()
    {
        await using var coordinator = await FakeCoordinator.StartAsync(Sys);
        await using var alice = await Open(coordinator.Address, "alice.key");
        await using var bob = await Open(coordinator.Address, "bob.key");
        Assert.Matches("^[0-9a-f]{32}$", alice.Account);
        Assert.NotEqual(alice.Account, bob.Account);

        Assert.Equal(alice.Account, (await alice.RequestAsync<AccountBalance>(new QueryBalance())).Account);
        var session = await alice.RequestAsync<SessionStarted>(new StartSession(0));
        Assert.True((await alice.RequestAsync<SessionInfo>(new QuerySession(session.SessionId))).Active);
        var error = await Assert.ThrowsAsync<SessionNotFoundException>(() => bob.RequestAsync<SessionInfo>(new QuerySession(session.SessionId)));
        Assert.Equal(session.SessionId, error.SessionId);
    }

    [Fact]
    public async Task Play_goes_on_after_the_coordinator_drops_the_connection()
    {
        await using var coordinator = await FakeCoordinator.StartAsync(Sys);
        coordinator.DropAfterFrames = 5;
        await using var connection = await Open(coordinator.Address, "gamer.key");
        var started = new TaskCompletionSource<SessionStarted>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ended = new TaskCompletionSource<SessionEnded>(TaskCreationOptions.RunContinuationsAsynchronously);
        var player = connection.System.ActorOf(PlayActor.Props(connection.Link, new PlayOptions(), started, ended));
        connection.Subscribe(player);
        var session = await started.Task.WaitAsync(Wait);
        player.Tell(new HoldKeys(16));

        var report = await ReportWhen(player, r => r.GetProperty("resumes").GetInt32() == 1 && r.GetProperty("frames").GetInt64() >= 10);
        player.Tell(EndPlay.Instance);

        Assert.Equal(session.SessionId, (await ended.Task.WaitAsync(Wait)).SessionId);
        Assert.Equal(session.SessionId, report.GetProperty("sessionId").GetString());
        Assert.Contains(16, coordinator.Inputs);
    }

    /// <summary>
    /// <c>play --session</c> in a new process: the first process played and is gone, the new one
    /// numbers its inputs from scratch, and its keys must still reach the session, which ignores
    /// inputs numbered at or below the last it applied.
    /// </summary>
    [Fact]
    public async Task A_session_resumed_from_a_new_process_hears_its_keys()
    {
        await using var coordinator = await FakeCoordinator.StartAsync(Sys);
        string id;
        await using (var first = await Open(coordinator.Address, "gamer.key"))
        {
            var (player, started) = Play(first, new PlayOptions());
            id = (await started.Task.WaitAsync(Wait)).SessionId;
            player.Tell(new HoldKeys(1));
            player.Tell(new HoldKeys(1 | 8));
            player.Tell(new HoldKeys(16));
            await AwaitAssertAsync(() => Assert.Equal(16, coordinator.Sessions[id].Held), Wait);
        }

        await using var second = await Open(coordinator.Address, "gamer.key");
        var (resumed, again) = Play(second, new PlayOptions(ResumeSessionId: id));
        Assert.Equal(id, (await again.Task.WaitAsync(Wait)).SessionId);
        resumed.Tell(new HoldKeys(4));

        await AwaitAssertAsync(() => Assert.Equal(4, coordinator.Sessions[id].Held), Wait);
    }

    [Fact]
    public async Task No_coordinator_listening_is_a_clear_error()
    {
        var address = new CoordinatorAddress("127.0.0.1", FreePort());

        var error = await Assert.ThrowsAsync<CoordinatorUnavailableException>(() => Open(address, "gamer.key", TimeSpan.FromSeconds(1)));

        Assert.Contains(address.ToString(), error.Message);
    }

    [Fact]
    public async Task A_refused_admission_token_ends_the_wait_at_once()
    {
        await using var coordinator = await FakeCoordinator.StartAsync(Sys, admissionToken: "secret");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<CoordinatorUnavailableException>(() => Open(coordinator.Address, "gamer.key", TimeSpan.FromSeconds(20)));

        Assert.Contains("refused", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    public new void Dispose()
    {
        _keys.Delete(recursive: true);
        base.Dispose();
    }

    private Task<GamerConnection> Open(CoordinatorAddress address, string keyFile, TimeSpan? connectTimeout = null) =>
        GamerConnection.OpenAsync(
            new GamerSettings([address], Path.Combine(_keys.FullName, keyFile), null, "test", connectTimeout ?? Wait, Wait),
            ClientConfig,
            NullLoggerFactory.Instance);

    private static (IActorRef Player, TaskCompletionSource<SessionStarted> Started) Play(GamerConnection connection, PlayOptions options)
    {
        var started = new TaskCompletionSource<SessionStarted>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ended = new TaskCompletionSource<SessionEnded>(TaskCreationOptions.RunContinuationsAsynchronously);
        var player = connection.System.ActorOf(PlayActor.Props(connection.Link, options, started, ended));
        connection.Subscribe(player);
        return (player, started);
    }

    private static async Task<JsonElement> ReportWhen(IActorRef player, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var report = JsonDocument.Parse(await player.Ask<string>(new FinishPlay(1), Wait)).RootElement;
            if (done(report))
            {
                return report;
            }

            Assert.True(DateTime.UtcNow < deadline, "not reached in time: " + report);
            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
