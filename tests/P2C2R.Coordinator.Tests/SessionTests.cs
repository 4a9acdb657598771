using Akka.Persistence;
using Akka.TestKit;
using P2C2R.Coordinator.Scheduling;
using P2C2R.Coordinator.Serialization;
using P2C2R.Coordinator.Sessions;
using P2C2R.GameSdk;
using P2C2R.Protocol.Contracts;
using P2C2R.Tasks;

namespace P2C2R.Coordinator.Tests;

/// <summary>One session: its safety net for lost work, and recovery from its journal and snapshots to the identical world.</summary>
public sealed class SessionTests : PersistentTestKit
{
    private const int Slots = 16;

    /// <summary>A small frame keeps the ray tracing of a test cheap; the session does the same work for any size.</summary>
    private static readonly CoordinatorSettings Small = new() { Frame = new FrameFormat(32, 18, 64, 36, 2), SnapshotEveryTicks = 5 };

    [Fact]
    public void Frame_tasks_the_scheduler_never_answers_are_sent_again_and_the_frame_still_arrives()
    {
        var scheduler = CreateTestProbe();
        var gamer = CreateTestProbe();
        var nobody = CreateTestProbe();
        var session = Sys.ActorOf(Props.Create(() => new Session("lossy", "ann", 30, gamer.Ref, new CoordinatorSettings(), scheduler.Ref, nobody.Ref, nobody.Ref)), "lossy");
        Assert.Equal(("lossy", session, 30), Attached(gamer));
        var first = scheduler.FishForMessage<WorkItem>(w => w.Key == 0, TimeSpan.FromSeconds(3));

        var again = scheduler.FishForMessage<WorkItem>(w => w.Key == 0, TimeSpan.FromSeconds(5));

        Assert.True(again.Deadline > first.Deadline);
        Answer(session, again);
        var answered = new HashSet<long> { 0 };
        var frame = default(FrameUpdate);
        while (frame is null)
        {
            var message = scheduler.ReceiveOne(TimeSpan.FromSeconds(5));
            if (message is WorkItem { Key: < Slots } work && answered.Add(work.Key))
            {
                Answer(session, work);
            }

            frame = gamer.HasMessages ? gamer.FishForMessage<FrameUpdate>(_ => true) : null;
        }

        Assert.Equal(0, frame.Tick);
    }

    /// <summary>
    /// A session is killed mid-game and started again: it recovers from its latest snapshot and the
    /// ticks journalled after it to the very world it had (same tick, same digest), which is also
    /// the world a replay of its input log computes from scratch.
    /// </summary>
    [Fact]
    public async Task A_killed_session_recovers_from_its_snapshot_and_journal_to_the_identical_world()
    {
        var (scheduler, nobody, gamer) = (Sys.ActorOf(Props.Create(() => new LocalScheduler())), CreateTestProbe(), CreateTestProbe());
        var session = Sys.ActorOf(Props.Create(() => new Session("killed", "ann", 30, gamer.Ref, Small, scheduler, nobody.Ref, nobody.Ref)), "killed");
        Attached(gamer);
        session.Tell(new PlayerInput(1, GameKeys.Forward), gamer.Ref);
        gamer.FishForMessage<FrameUpdate>(f => f.Tick >= 8, TimeSpan.FromSeconds(10));
        session.Tell(new PlayerInput(2, GameKeys.Forward | GameKeys.Left | GameKeys.Jump), gamer.Ref);
        gamer.FishForMessage<FrameUpdate>(f => f.Tick >= 16, TimeSpan.FromSeconds(10));
        var before = await PausedAsync(session, gamer);

        Watch(session);
        Sys.Stop(session);
        ExpectTerminated(session);
        var recovered = Sys.ActorOf(Props.Create(() => new Session("killed", "ann", 30, null, Small, scheduler, nobody.Ref, nobody.Ref)), "killed");
        var after = await recovered.Ask<SessionInfo>(new QuerySession("killed"), TimeSpan.FromSeconds(5));

        Assert.Equal((before.Tick, before.WorldDigest), (after.Tick, after.WorldDigest));
        var snapshot = await Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null)
            .Ask<LoadSnapshotResult>(new LoadSnapshot(Session.PersistenceIdOf("killed"), SnapshotSelectionCriteria.Latest, long.MaxValue), TimeSpan.FromSeconds(5));
        Assert.NotNull(snapshot.Snapshot);
        var keys = await SessionReplay.ReadKeysAsync(Sys, "killed", TimeSpan.FromSeconds(10));
        Assert.Equal(before.Tick, keys.Length);
        Assert.Equal(before.WorldDigest, SessionReplay.Play(Small.Game, Session.OptionsOf("killed", 30, Small), keys).Digest());
        Assert.Equal([(long)P2C2RSerializer.Id], DistinctValues("journal", "identifier", Session.PersistenceIdOf("killed")));
        Assert.Equal([(long)P2C2RSerializer.Id], DistinctValues("snapshot", "serializer_id", Session.PersistenceIdOf("killed")));
    }

    /// <summary>
    /// While the keys stay the same a session writes one journal event per lease, not per tick;
    /// killed mid-lease, without a pause to cut it, it recovers at the lease's end: ahead of the
    /// frames its gamer saw, never behind them, and exactly where a replay of the journal ends.
    /// </summary>
    [Fact]
    public async Task A_session_journals_once_per_lease_and_a_crash_mid_lease_recovers_at_the_lease_end()
    {
        var settings = Small with { JournalLease = TimeSpan.FromSeconds(0.5), SnapshotEveryTicks = 1000 };
        var (scheduler, nobody, gamer) = (Sys.ActorOf(Props.Create(() => new LocalScheduler())), CreateTestProbe(), CreateTestProbe());
        var session = Sys.ActorOf(Props.Create(() => new Session("leased", "ann", 30, gamer.Ref, settings, scheduler, nobody.Ref, nobody.Ref)), "leased");
        Attached(gamer);
        session.Tell(new PlayerInput(1, GameKeys.Forward), gamer.Ref);
        var seen = gamer.FishForMessage<FrameUpdate>(f => f.Tick >= 40, TimeSpan.FromSeconds(10)).Tick;

        Watch(session);
        Sys.Stop(session);
        ExpectTerminated(session);
        var events = (await JournalledAsync(Session.PersistenceIdOf("leased"))).OfType<KeysFrom>().ToList();
        var recovered = Sys.ActorOf(Props.Create(() => new Session("leased", "ann", 30, null, settings, scheduler, nobody.Ref, nobody.Ref)), "leased");
        var after = await recovered.Ask<SessionInfo>(new QuerySession("leased"), TimeSpan.FromSeconds(5));

        Assert.InRange(events.Count, 2, 2 + (events[^1].Until / 15));
        Assert.Equal(events[^1].Until, after.Tick);
        Assert.InRange(after.Tick, seen + 1, seen + 15 + settings.TicksInFlight + 1);
        var keys = await SessionReplay.ReadKeysAsync(Sys, "leased", TimeSpan.FromSeconds(10));
        Assert.Equal(after.Tick, keys.Length);
        Assert.Equal(after.WorldDigest, SessionReplay.Play(Small.Game, Session.OptionsOf("leased", 30, Small), keys).Digest());
    }

    /// <summary>
    /// A session applies only inputs numbered above the last it applied; a gamer attaching later
    /// (a new process resuming the session, or any gamer after the session's recovery from its
    /// journal) is told that number, so its own inputs are not taken for old ones and dropped.
    /// </summary>
    [Fact]
    public async Task A_gamer_attaching_later_learns_the_last_input_applied_also_after_a_recovery()
    {
        var (scheduler, nobody, first) = (Sys.ActorOf(Props.Create(() => new LocalScheduler())), CreateTestProbe(), CreateTestProbe());
        var session = Sys.ActorOf(Props.Create(() => new Session("resumed", "ann", 30, first.Ref, Small, scheduler, nobody.Ref, nobody.Ref)), "resumed");
        Assert.Equal(0, first.ExpectMsg<SessionAttached>().LastInput);
        session.Tell(new PlayerInput(1, GameKeys.Forward), first.Ref);
        session.Tell(new PlayerInput(3, GameKeys.Left), first.Ref);
        session.Tell(new PlayerInput(2, GameKeys.Jump), first.Ref);
        first.FishForMessage<FrameUpdate>(f => f.Tick >= 10, TimeSpan.FromSeconds(10));

        var second = CreateTestProbe();
        session.Tell(new AttachGamer(second.Ref));
        Assert.Equal(3, second.ExpectMsg<SessionAttached>().LastInput);
        await PausedAsync(session, second);
        Watch(session);
        Sys.Stop(session);
        ExpectTerminated(session);
        var third = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new Session("resumed", "ann", 30, third.Ref, Small, scheduler, nobody.Ref, nobody.Ref)), "resumed");

        Assert.Equal(3, third.ExpectMsg<SessionAttached>(TimeSpan.FromSeconds(5)).LastInput);
        var keys = await SessionReplay.ReadKeysAsync(Sys, "resumed", TimeSpan.FromSeconds(10));
        Assert.Equal(GameKeys.Left, keys[^1]);
        Assert.DoesNotContain(GameKeys.Jump, keys);
    }

    private static (string, IActorRef, int) Attached(TestProbe gamer)
    {
        var attached = gamer.ExpectMsg<SessionAttached>();
        return (attached.SessionId, attached.Session, attached.TicksPerSecond);
    }

    /// <summary>Its gamer gone, a session stops ticking: the state it reports twice, several tick periods apart, is final.</summary>
    private async Task<SessionInfo> PausedAsync(IActorRef session, TestProbe gamer)
    {
        Watch(gamer.Ref);
        Sys.Stop(gamer.Ref);
        ExpectTerminated(gamer.Ref);
        SessionInfo? paused = null;
        await AwaitAssertAsync(async () =>
        {
            var first = await session.Ask<SessionInfo>(new QuerySession("any"), TimeSpan.FromSeconds(5));
            ExpectNoMsg(TimeSpan.FromMilliseconds(150));
            var second = await session.Ask<SessionInfo>(new QuerySession("any"), TimeSpan.FromSeconds(5));
            Assert.Equal((first.Tick, first.WorldDigest), (second.Tick, second.WorldDigest));
            paused = second;
        }, TimeSpan.FromSeconds(5));
        return paused!;
    }

    private void Answer(IActorRef session, WorkItem work)
    {
        TaskExecutors.TryGet(work.TaskType, out var executor);
        session.Tell(new WorkDone(work.Key, work.TaskType, executor.Execute(work.Input), ByHelper: false, CoordinatorComputed: true), TestActor);
    }
}
