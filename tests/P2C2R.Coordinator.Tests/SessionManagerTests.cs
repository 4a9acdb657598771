using Akka.TestKit;
using P2C2R.Coordinator.Ledger;
using P2C2R.Coordinator.Sessions;
using P2C2R.GameSdk;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Tests;

/// <summary>The session manager: gamers reach only their own account's sessions, and open sessions come back after a restart.</summary>
public sealed class SessionManagerTests : PersistentTestKit
{
    private static readonly CoordinatorSettings Small = new() { Frame = new FrameFormat(32, 18, 64, 36, 2), SnapshotEveryTicks = 5 };

    [Fact]
    public void Another_accounts_session_is_answered_exactly_like_one_that_does_not_exist()
    {
        var manager = Manager(Sys, CreateTestProbe().Ref);
        var ann = CreateTestProbe();
        var bob = CreateTestProbe();
        manager.Tell(new GamerCommand("ann", new StartSession(20)), ann.Ref);
        var id = ann.ExpectMsg<SessionAttached>().SessionId;

        foreach (var request in new IEdgeMessage[] { new ResumeSession(id), new EndSession(id), new QuerySession(id), new QueryInputLog(id) })
        {
            manager.Tell(new GamerCommand("bob", request), bob.Ref);
            Assert.Equal(new SessionNotFound(id), bob.ExpectMsg<SessionNotFound>());
        }

        manager.Tell(new GamerCommand("bob", new QuerySession("s999-none")), bob.Ref);
        Assert.Equal(new SessionNotFound("s999-none"), bob.ExpectMsg<SessionNotFound>());
        manager.Tell(new GamerCommand("bob", new ListSessions()), bob.Ref);
        Assert.Empty(bob.ExpectMsg<SessionList>().Sessions);
        bob.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        manager.Tell(new GamerCommand("ann", new ListSessions()), ann.Ref);
        Assert.Equal(id, Single(ann.FishForMessage<SessionList>(_ => true).Sessions).SessionId);
        manager.Tell(new GamerCommand("ann", new QuerySession(id)), ann.Ref);
        Assert.Equal(("ann", true), Fields(ann.FishForMessage<SessionInfo>(_ => true)));
        manager.Tell(new GamerCommand("ann", new QueryInputLog(id)), ann.Ref);
        var log = ann.FishForMessage<InputLog>(_ => true);
        Assert.Equal((id, 20, Small.Frame.Bands), (log.SessionId, log.TicksPerSecond, log.Bands));
        manager.Tell(new GamerCommand("ann", new EndSession(id)), ann.Ref);
        Assert.Equal(id, ann.FishForMessage<SessionEnded>(_ => true).SessionId);
        manager.Tell(new GamerCommand("bob", new EndSession(id)), bob.Ref);
        Assert.Equal(new SessionNotFound(id), bob.ExpectMsg<SessionNotFound>());
    }

    [Fact]
    public void A_gamer_is_told_its_own_balance_and_only_its_own()
    {
        var ledger = Sys.ActorOf(Props.Create(() => new CreditLedger(new CoordinatorSettings { ChargePerSecond = 1000 })));
        var manager = Manager(Sys, ledger);
        ledger.Tell(new ChargePlay("s1", "ann", 2000), TestActor);
        ledger.Tell(new ChargePlay("s2", "bob", 5000), TestActor);

        manager.Tell(new GamerCommand("ann", new QueryBalance()), TestActor);

        Assert.Equal(new AccountBalance("ann", -2000), ExpectMsg<AccountBalance>());
    }

    /// <summary>
    /// The coordinator stops and starts again on the same journal: the open session is back,
    /// paused at the tick it had reached with the same world, and its gamer resumes it; the
    /// session the gamer ended stays ended.
    /// </summary>
    [Fact]
    public async Task After_a_restart_an_open_session_is_back_paused_with_its_world_and_its_gamer_resumes_it()
    {
        var first = StartSystem();
        var gamer = CreateTestProbe(first);
        var manager = Manager(first, CreateTestProbe(first).Ref);
        manager.Tell(new GamerCommand("ann", new StartSession(30)), gamer.Ref);
        var id = gamer.ExpectMsg<SessionAttached>().SessionId;
        manager.Tell(new GamerCommand("ann", new StartSession(30)), gamer.Ref);
        var ended = gamer.FishForMessage<SessionAttached>(_ => true).SessionId;
        manager.Tell(new GamerCommand("ann", new EndSession(ended)), gamer.Ref);
        gamer.FishForMessage<SessionEnded>(e => e.SessionId == ended);
        gamer.FishForMessage<FrameUpdate>(f => f.Tick >= 12, TimeSpan.FromSeconds(10));
        await StopAsync(first);
        var journalled = (await SessionReplay.ReadKeysAsync(Sys, id, TimeSpan.FromSeconds(10))).Length;

        var second = StartSystem();
        var back = CreateTestProbe(second);
        var again = Manager(second, CreateTestProbe(second).Ref);
        again.Tell(new GamerCommand("ann", new QuerySession(id)), back.Ref);
        var paused = back.ExpectMsg<SessionInfo>();
        again.Tell(new GamerCommand("ann", new QuerySession(ended)), back.Ref);
        back.ExpectMsg<SessionNotFound>();

        Assert.Equal(journalled, paused.Tick);
        var keys = await SessionReplay.ReadKeysAsync(second, id, TimeSpan.FromSeconds(10));
        Assert.Equal(SessionReplay.Play(Small.Game, Session.OptionsOf(id, 30, Small), keys).Digest(), paused.WorldDigest);
        again.Tell(new GamerCommand("ann", new ResumeSession(id)), back.Ref);
        Assert.Equal(id, back.ExpectMsg<SessionAttached>().SessionId);
        Assert.True(back.FishForMessage<FrameUpdate>(_ => true, TimeSpan.FromSeconds(10)).Tick >= paused.Tick);
    }

    private static IActorRef Manager(ActorSystem system, IActorRef ledger)
    {
        var scheduler = system.ActorOf(Props.Create(() => new LocalScheduler()));
        var registry = system.ActorOf(Props.Create(() => new Sink()));
        return system.ActorOf(Props.Create(() => new SessionManager(Small, scheduler, registry, ledger)), "sessions");
    }

    private static SessionInfo Single(SessionInfo[] sessions) => Assert.Single(sessions);

    private static (string, bool) Fields(SessionInfo info) => (info.Account, info.Active);

    /// <summary>A registry that takes subscriptions and publishes nothing.</summary>
    private sealed class Sink : ReceiveActor
    {
        public Sink() => ReceiveAny(_ => { });
    }
}
