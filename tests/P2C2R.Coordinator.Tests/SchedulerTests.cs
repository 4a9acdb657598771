using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Scheduling;
using P2C2R.Coordinator.Validation;
using P2C2R.Protocol;
using P2C2R.Tasks;
using P2C2R.Tasks.Golden;

namespace P2C2R.Coordinator.Tests;

/// <summary>The scheduler with probes for registry, validator and helpers.</summary>
public sealed class SchedulerTests : TestKit.TestKit
{
    [Fact]
    public void A_hedged_copy_that_never_answers_is_judged_timed_out_at_the_deadline_and_the_first_answer_is_used()
    {
        var registry = CreateTestProbe();
        var validator = CreateTestProbe();
        var slow = CreateTestProbe();
        var quick = CreateTestProbe();
        var settings = new CoordinatorSettings { CanaryRate = 0, MinimumHedgeDelay = TimeSpan.FromMilliseconds(20) };
        var scheduler = Sys.ActorOf(Props.Create(() => new DeadlineScheduler(settings, registry.Ref, validator.Ref)));
        registry.ExpectMsg<SubscribeHelpers>();
        scheduler.Tell(new HelperDirectory([Trusted(1, slow.Ref, "a"), Trusted(2, quick.Ref, "b")]), registry.Ref);
        var input = GoldenInputs.For("ai.dialogue");
        TaskExecutors.TryGet("ai.dialogue", out var executor);
        // Seconds of slack: on a loaded machine the scheduler's first (cold) steps must not make the answer late.
        var deadline = DateTime.UtcNow.AddSeconds(4);

        scheduler.Tell(new WorkItem(42, "ai.dialogue", input, 5, deadline), TestActor);
        AwaitCondition(() => slow.PendingCount + quick.PendingCount > 0, TimeSpan.FromSeconds(2));
        var (firstHelper, otherHelper) = slow.PendingCount > 0 ? (slow, quick) : (quick, slow);
        var (firstId, otherId) = firstHelper == slow ? (1L, 2L) : (2L, 1L);
        var first = firstHelper.ExpectMsg<AssignTask>();
        var hedged = otherHelper.ExpectMsg<AssignTask>(timeout: TimeSpan.FromSeconds(3));
        Assert.Equal(first.TaskId, hedged.TaskId);
        var output = executor.Execute(input);
        scheduler.Tell(new TaskResult(hedged.TaskId, TaskResultStatus.Ok, output, null, 10), otherHelper.Ref);
        var check = validator.ExpectMsg<CheckResult>();
        scheduler.Tell(new ResultChecked(check.TaskId, check.HelperId, output, Verdict.Accept), validator.Ref);

        Assert.Equal(42, ExpectMsg<WorkDone>().Key);
        Assert.Equal(new Judgement(otherId, JudgementKind.Validated, 5), registry.ExpectMsg<Judgement>());
        registry.ExpectNoMsg(TimeSpan.FromMilliseconds(Math.Max(0, (deadline - DateTime.UtcNow).TotalMilliseconds - 100)));
        Assert.Equal(new Judgement(firstId, JudgementKind.TimedOut, 0), registry.ExpectMsg<Judgement>(timeout: TimeSpan.FromSeconds(2)));
    }

    /// <summary>
    /// A newcomer has no latency history: it is hedged on the fleet's p95 (milliseconds here),
    /// not at half the time left (5 s here), so a cold helper cannot hold a frame task for half
    /// its deadline.
    /// </summary>
    [Fact]
    public void A_helper_too_new_for_a_p95_of_its_own_is_hedged_on_the_fleets()
    {
        var registry = CreateTestProbe();
        var validator = CreateTestProbe();
        var veteran = CreateTestProbe();
        var newcomer = CreateTestProbe();
        var settings = new CoordinatorSettings { CanaryRate = 0 };
        var scheduler = Sys.ActorOf(Props.Create(() => new DeadlineScheduler(settings, registry.Ref, validator.Ref)));
        registry.ExpectMsg<SubscribeHelpers>();
        scheduler.Tell(new HelperDirectory([Trusted(5, veteran.Ref, "a")]), registry.Ref);
        var input = GoldenInputs.For("ai.dialogue");
        TaskExecutors.TryGet("ai.dialogue", out var executor);
        var output = executor.Execute(input);
        scheduler.Tell(new WorkItem(1, "ai.dialogue", input, 5, DateTime.UtcNow.AddSeconds(10)), TestActor);
        var answered = veteran.ExpectMsg<AssignTask>();
        scheduler.Tell(new TaskResult(answered.TaskId, TaskResultStatus.Ok, output, null, 1), veteran.Ref);
        var check = validator.ExpectMsg<CheckResult>();
        scheduler.Tell(new ResultChecked(check.TaskId, check.HelperId, output, Verdict.Accept), validator.Ref);
        ExpectMsg<WorkDone>();

        scheduler.Tell(new HelperDirectory([Trusted(3, newcomer.Ref, "b"), Trusted(5, veteran.Ref, "a")]), registry.Ref);
        scheduler.Tell(new WorkItem(2, "ai.dialogue", input, 5, DateTime.UtcNow.AddSeconds(10)), TestActor);

        var held = newcomer.ExpectMsg<AssignTask>();
        Assert.Equal(held.TaskId, veteran.ExpectMsg<AssignTask>(timeout: TimeSpan.FromSeconds(2)).TaskId);
    }

    private static HelperView Trusted(long id, IActorRef helper, string account) =>
        new(id, helper, "h" + id, account, "host-" + account, 0.9, Trusted: true, Quarantined: false, Capacity: 2, Active: 0, FrameMs: 5);
}
