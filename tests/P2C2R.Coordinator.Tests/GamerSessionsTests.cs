using Akka.TestKit;
using Microsoft.Data.Sqlite;
using P2C2R.Coordinator.Ledger;
using P2C2R.Coordinator.Sessions;
using P2C2R.GameSdk;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Tests;

/// <summary>
/// Gamer accounts and their sessions as sharded entities on a hosted node: gamers reach only their
/// own account's sessions, and open sessions come back after a restart.
/// </summary>
public sealed class GamerSessionsTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private static readonly CoordinatorSettings Small = new() { Frame = new FrameFormat(32, 18, 64, 36, 2), SnapshotEveryTicks = 5, ChargePerSecond = 1000 };
    private readonly string _directory = Directory.CreateTempSubdirectory("p2c2r-gamers-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Another_accounts_session_is_answered_exactly_like_one_that_does_not_exist()
    {
        await using var node = await CoordinatorHost.StartAsync(_directory, Small);
        var gamers = node.Gamers;
        var ann = CreateTestProbe(node.System);
        var bob = CreateTestProbe(node.System);
        gamers.Tell(new GamerCommand("ann", new StartSession(20)), ann.Ref);
        var id = ann.ExpectMsg<SessionAttached>(TimeSpan.FromSeconds(15)).SessionId;

        foreach (var request in new IEdgeMessage[] { new ResumeSession(id), new EndSession(id), new QuerySession(id), new QueryInputLog(id) })
        {
            gamers.Tell(new GamerCommand("bob", request), bob.Ref);
            Assert.Equal(new SessionNotFound(id), bob.ExpectMsg<SessionNotFound>(TimeSpan.FromSeconds(10)));
        }

        gamers.Tell(new GamerCommand("bob", new QuerySession("s999-none")), bob.Ref);
        Assert.Equal(new SessionNotFound("s999-none"), bob.ExpectMsg<SessionNotFound>());
        gamers.Tell(new GamerCommand("bob", new ListSessions()), bob.Ref);
        Assert.Empty(bob.ExpectMsg<SessionList>().Sessions);
        bob.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        gamers.Tell(new GamerCommand("ann", new ListSessions()), ann.Ref);
        Assert.Equal(id, Assert.Single(ann.FishForMessage<SessionList>(_ => true).Sessions).SessionId);
        gamers.Tell(new GamerCommand("ann", new QuerySession(id)), ann.Ref);
        var info = ann.FishForMessage<SessionInfo>(_ => true);
        Assert.Equal(("ann", true, ((ExtendedActorSystem)node.System).Provider.DefaultAddress.ToString()), (info.Account, info.Active, info.Node));
        gamers.Tell(new GamerCommand("ann", new QueryInputLog(id)), ann.Ref);
        var log = ann.FishForMessage<InputLog>(_ => true, TimeSpan.FromSeconds(15));
        Assert.Equal((id, 20, Small.Frame.Bands), (log.SessionId, log.TicksPerSecond, log.Bands));
        gamers.Tell(new GamerCommand("ann", new EndSession(id)), ann.Ref);
        Assert.Equal(id, ann.FishForMessage<SessionEnded>(_ => true).SessionId);
        gamers.Tell(new GamerCommand("bob", new EndSession(id)), bob.Ref);
        Assert.Equal(new SessionNotFound(id), bob.ExpectMsg<SessionNotFound>());
    }

    [Fact]
    public async Task A_gamer_is_told_its_own_balance_and_only_its_own()
    {
        await using var node = await CoordinatorHost.StartAsync(_directory, Small);
        var probe = CreateTestProbe(node.System);
        node.Ledger.Tell(new ChargePlay("s1", "ann", 2000), probe.Ref);
        node.Ledger.Tell(new ChargePlay("s2", "bob", 5000), probe.Ref);

        node.Gamers.Tell(new GamerCommand("ann", new QueryBalance()), probe.Ref);

        Assert.Equal(new AccountBalance("ann", -2000), probe.ExpectMsg<AccountBalance>(TimeSpan.FromSeconds(15)));
    }

    /// <summary>
    /// The coordinator stops and starts again on the same journal: the open session is back,
    /// paused at the tick it had reached with the same world, and its gamer resumes it; the
    /// session the gamer ended stays ended.
    /// </summary>
    [Fact]
    public async Task After_a_restart_an_open_session_is_back_paused_with_its_world_and_its_gamer_resumes_it()
    {
        string id;
        string ended;
        await using (var first = await CoordinatorHost.StartAsync(_directory, Small))
        {
            var gamer = CreateTestProbe(first.System);
            first.Gamers.Tell(new GamerCommand("ann", new StartSession(30)), gamer.Ref);
            id = gamer.ExpectMsg<SessionAttached>(TimeSpan.FromSeconds(15)).SessionId;
            first.Gamers.Tell(new GamerCommand("ann", new StartSession(30)), gamer.Ref);
            ended = gamer.FishForMessage<SessionAttached>(a => a.SessionId != id, TimeSpan.FromSeconds(15)).SessionId;
            first.Gamers.Tell(new GamerCommand("ann", new EndSession(ended)), gamer.Ref);
            gamer.FishForMessage<SessionEnded>(e => e.SessionId == ended, TimeSpan.FromSeconds(10));
            gamer.FishForMessage<FrameUpdate>(f => f.Tick >= 12, TimeSpan.FromSeconds(10));
        }

        await using var second = await CoordinatorHost.StartAsync(_directory, Small);
        var journalled = (await SessionReplay.ReadKeysAsync(second.System, id, TimeSpan.FromSeconds(10))).Length;
        var back = CreateTestProbe(second.System);
        second.Gamers.Tell(new GamerCommand("ann", new QuerySession(id)), back.Ref);
        var paused = back.ExpectMsg<SessionInfo>(TimeSpan.FromSeconds(15));
        second.Gamers.Tell(new GamerCommand("ann", new QuerySession(ended)), back.Ref);
        back.ExpectMsg<SessionNotFound>();

        Assert.Equal(journalled, paused.Tick);
        var keys = await SessionReplay.ReadKeysAsync(second.System, id, TimeSpan.FromSeconds(10));
        Assert.Equal(SessionReplay.Play(Small.Game, Session.OptionsOf(id, 30, Small), keys).Digest(), paused.WorldDigest);
        second.Gamers.Tell(new GamerCommand("ann", new ResumeSession(id)), back.Ref);
        Assert.Equal(id, back.ExpectMsg<SessionAttached>(TimeSpan.FromSeconds(10)).SessionId);
        Assert.True(back.FishForMessage<FrameUpdate>(_ => true, TimeSpan.FromSeconds(10)).Tick >= paused.Tick);
    }
}
