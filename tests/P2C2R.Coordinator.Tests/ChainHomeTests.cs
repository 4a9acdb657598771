using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Scheduling;
using P2C2R.Coordinator.Validation;
using P2C2R.Protocol.Contracts;
using P2C2R.Tasks;
using P2C2R.Tasks.Golden;
using static P2C2R.Coordinator.Tests.HelperViews;

namespace P2C2R.Coordinator.Tests;

/// <summary>
/// A session's frame chain keeps one home, so what a task made is there for the next one: a task
/// spilled to another helper under load does not move it. A newcomer still earns trust, on a
/// bounded number of copies of work a trusted home would otherwise do alone, and a copy it is slow
/// to answer costs the coordinator nothing.
/// </summary>
public sealed class ChainHomeTests() : TestKit("akka.loglevel = WARNING\nakka.test.single-expect-default = 5s")
{
    private const long Chain = 42;
    private static readonly byte[] Input = GoldenInputs.For("render.upscale");
    private static readonly byte[] Upscaled = TaskExecutors.Upscale.Execute(Input);

    [Fact]
    public void A_spill_under_load_does_not_move_the_home_and_the_chain_returns_to_it_though_it_is_busier()
    {
        var (home, other) = (CreateTestProbe(), CreateTestProbe());
        var scheduler = Start(Trusted(1, home.Ref, "a"), Trusted(2, other.Ref, "b"));

        var atHome = Enumerable.Range(1, 11).Select(key => Assign(scheduler, home, key)).ToList();
        var spilled = Assign(scheduler, other, 12);
        foreach (var task in atHome)
        {
            Answer(scheduler, home, task);
        }

        Answer(scheduler, other, spilled);
        ReceiveN(12);

        var busy = Enumerable.Range(13, 2).Select(key => Assign(scheduler, home, key)).ToList();
        other.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(2, busy.Count);
    }

    [Fact]
    public async Task A_newcomer_gets_copies_of_a_trusted_homes_work_until_it_has_enough_answers_and_no_more()
    {
        var (trusted, newcomer) = (CreateTestProbe(), CreateTestProbe());
        var scheduler = Start(Trusted(1, trusted.Ref, "a"), Untrusted(2, newcomer.Ref, "b"));

        var copies = 0;
        for (var key = 1; key <= 12; key++)
        {
            var task = Assign(scheduler, trusted, key);
            if (key <= 8)
            {
                var copy = newcomer.FishForMessage(m => m is AssignTask, TimeSpan.FromSeconds(5)) as AssignTask;
                Assert.Equal(task.TaskId, copy!.TaskId);
                Answer(scheduler, newcomer, copy);
                copies++;
            }

            Answer(scheduler, trusted, task);
            var done = ExpectMsg<WorkDone>();
            Assert.Equal(((long)key, Upscaled), (done.Key, done.Output));
        }

        newcomer.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        var stats = await scheduler.Ask<SchedulerStats>(new QuerySchedulerStats(), TimeSpan.FromSeconds(3));
        Assert.Equal((8, 8L), (copies, stats.Explorations));
        Assert.Equal(8, stats.Quorums);
    }

    [Fact]
    public async Task A_newcomers_late_copy_costs_the_coordinator_nothing_the_trusted_homes_answer_is_taken_at_the_hedge()
    {
        var (trusted, newcomer) = (CreateTestProbe(), CreateTestProbe());
        var scheduler = Start(TimeSpan.FromMilliseconds(50), Trusted(1, trusted.Ref, "a"), Untrusted(2, newcomer.Ref, "b"));

        var task = Assign(scheduler, trusted, 1);
        Assert.Equal(task.TaskId, ((AssignTask)newcomer.FishForMessage(m => m is AssignTask, TimeSpan.FromSeconds(5))).TaskId);
        Answer(scheduler, trusted, task);

        var done = ExpectMsg<WorkDone>(TimeSpan.FromSeconds(5));
        Assert.Equal((1L, true, false, Upscaled), (done.Key, done.ByHelper, done.CoordinatorComputed, done.Output));
        var stats = await scheduler.Ask<SchedulerStats>(new QuerySchedulerStats(), TimeSpan.FromSeconds(3));
        Assert.Equal((0L, 0L), (stats.LocalComputes, stats.Quorums));
    }

    private AssignTask Assign(IActorRef scheduler, TestProbe helper, long key)
    {
        scheduler.Tell(new WorkItem(key, "render.upscale", Input, 5, DateTime.UtcNow.AddSeconds(30), Affinity: Chain), TestActor);
        return (AssignTask)helper.FishForMessage(m => m is AssignTask, TimeSpan.FromSeconds(5), $"task {key} at its helper");
    }

    private static void Answer(IActorRef scheduler, TestProbe helper, AssignTask task) =>
        scheduler.Tell(new TaskResult(task.TaskId, TaskResultStatus.Ok, Upscaled, null, 10), helper.Ref);

    private IActorRef Start(params HelperView[] helpers) => Start(TimeSpan.FromSeconds(20), helpers);

    private IActorRef Start(TimeSpan hedgeDelay, params HelperView[] helpers)
    {
        var registry = CreateTestProbe();
        var settings = new CoordinatorSettings { CanaryRate = 0, SpotRate = 0, VerifyRate = 0, MinReplicationRate = 0, MinimumHedgeDelay = hedgeDelay };
        var validator = Sys.ActorOf(Props.Create(() => new Validator(settings)));
        var scheduler = Sys.ActorOf(Props.Create(() => new DeadlineScheduler(settings, registry.Ref, validator)));
        registry.ExpectMsg<SubscribeHelpers>();
        scheduler.Tell(new HelperDirectory(helpers), registry.Ref);
        return scheduler;
    }
}
