using System.Diagnostics;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Observability;
using P2C2R.Coordinator.Scheduling;
using P2C2R.Coordinator.Validation;
using P2C2R.Protocol.Contracts;
using P2C2R.Tasks;
using P2C2R.Tasks.Ai;
using P2C2R.Tasks.Golden;
using static P2C2R.Coordinator.Tests.HelperViews;

namespace P2C2R.Coordinator.Tests;

/// <summary>The scheduler with probes for the registry and for helper connections; the session is the test actor.</summary>
public sealed class SchedulerTests() : TestKit("akka.loglevel = WARNING\nakka.test.single-expect-default = 5s")
{
    private static readonly byte[] Input = GoldenInputs.For("ai.dialogue");
    private static readonly byte[] Answer = TaskExecutors.Dialogue.Execute(Input);

    [Fact]
    public void A_trusted_helpers_correct_result_is_checked_by_the_validator_delivered_and_credited()
    {
        var registry = CreateTestProbe();
        var helper = CreateTestProbe();
        var scheduler = Start(registry, Sys.ActorOf(Props.Create(() => new Validator(new CoordinatorSettings()))), Trusted(1, helper.Ref, "a"));

        scheduler.Tell(new WorkItem(7, "ai.dialogue", Input, 5, DateTime.UtcNow.AddSeconds(10)), TestActor);
        var assigned = helper.ExpectMsg<AssignTask>();
        scheduler.Tell(new TaskResult(assigned.TaskId, TaskResultStatus.Ok, Answer, null, 10), helper.Ref);

        var done = ExpectMsg<WorkDone>();
        Assert.Equal(("ai.dialogue", Input), (assigned.TaskType, assigned.Input));
        Assert.InRange(assigned.DeadlineMs, 1, 10_000);
        Assert.Equal((7L, true, false), (done.Key, done.ByHelper, done.CoordinatorComputed));
        Assert.Equal(Answer, done.Output);
        Assert.Equal(new Judgement(1, JudgementKind.Validated, 5), registry.ExpectMsg<Judgement>());
    }

    /// <summary>
    /// A helper trusted for a very long run, with no verifier floor, has its frame result taken as it is, credited
    /// without lengthening its valid run; a world task from the same helper still needs a second
    /// helper's agreeing answer.
    /// </summary>
    [Fact]
    public async Task A_trusted_helpers_unsampled_result_is_taken_unchecked_but_a_world_task_still_needs_a_quorum()
    {
        var registry = CreateTestProbe();
        var (first, second) = (CreateTestProbe(), CreateTestProbe());
        var validator = CreateTestProbe();
        var settings = new CoordinatorSettings { CanaryRate = 0, SpotRate = 0, VerifyRate = 0, MinReplicationRate = 0, MinimumHedgeDelay = TimeSpan.FromSeconds(10) };
        var scheduler = Start(registry, validator.Ref, settings, Trusted(1, first.Ref, "a") with { ValidRun = long.MaxValue / 2 }, Trusted(2, second.Ref, "b") with { ValidRun = long.MaxValue / 2 });

        scheduler.Tell(new WorkItem(7, "ai.dialogue", Input, 5, DateTime.UtcNow.AddSeconds(10)), TestActor);
        var assigned = first.ExpectMsg<AssignTask>();
        scheduler.Tell(new TaskResult(assigned.TaskId, TaskResultStatus.Ok, Answer, null, 10), first.Ref);
        var done = ExpectMsg<WorkDone>();
        Assert.Equal((7L, true, Answer), (done.Key, done.ByHelper, done.Output));
        Assert.Equal(new Judgement(1, JudgementKind.Accepted, 5), registry.ExpectMsg<Judgement>());

        scheduler.Tell(new WorkItem(8, "ai.dialogue", Input, 5, DateTime.UtcNow.AddSeconds(10), FoldsIntoWorld: true), TestActor);
        var copies = new[] { first.ExpectMsg<AssignTask>(), second.ExpectMsg<AssignTask>() };
        scheduler.Tell(new TaskResult(copies[0].TaskId, TaskResultStatus.Ok, Answer, null, 10), first.Ref);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        scheduler.Tell(new TaskResult(copies[1].TaskId, TaskResultStatus.Ok, Answer, null, 10), second.Ref);
        Assert.Equal(8, ExpectMsg<WorkDone>().Key);
        validator.ExpectNoMsg(TimeSpan.Zero);
        var stats = await scheduler.Ask<SchedulerStats>(new QuerySchedulerStats(), TimeSpan.FromSeconds(3));
        Assert.Equal((1L, 1L, 0L), (stats.Unchecked, stats.Quorums, stats.Verified));
    }

    /// <summary>
    /// A helper gets only the task types it registered: dialogue goes to the helper that runs
    /// dialogue, not to the trusted one that registered upscaling only.
    /// </summary>
    [Fact]
    public void A_task_goes_only_to_helpers_that_registered_its_type()
    {
        var registry = CreateTestProbe();
        var upscaler = CreateTestProbe();
        var talker = CreateTestProbe();
        var validator = Sys.ActorOf(Props.Create(() => new Validator(new CoordinatorSettings())));
        var scheduler = Start(registry, validator,
            Trusted(1, upscaler.Ref, "a") with { Reputation = 1.0, TaskTypes = ["render.upscale"] },
            Trusted(2, talker.Ref, "b") with { TaskTypes = ["ai.dialogue"] });

        scheduler.Tell(new WorkItem(7, "ai.dialogue", Input, 5, DateTime.UtcNow.AddSeconds(10)), TestActor);

        Assert.Equal("ai.dialogue", talker.ExpectMsg<AssignTask>().TaskType);
        upscaler.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    /// <summary>
    /// An untrusted helper alone cannot be confirmed by a second replica: at its hedge point the
    /// coordinator computes the task itself, finds the helper's answer wrong, rejects it (no
    /// credit) and delivers its own output; the session never sees the wrong one.
    /// </summary>
    [Fact]
    public void A_wrong_result_is_recomputed_rejected_never_credited_and_never_delivered()
    {
        var registry = CreateTestProbe();
        var helper = CreateTestProbe();
        var scheduler = Start(registry, CreateTestProbe().Ref, Untrusted(1, helper.Ref, "a"));
        var wrong = TaskExecutors.Dialogue.Execute(Payload.Encode(new DialogueInput("blacksmith", "happy", "Hello friend, can you forge me a sword from this iron?", 43, 24)));
        Assert.NotEqual(Answer, wrong);

        scheduler.Tell(new WorkItem(9, "ai.dialogue", Input, 5, DateTime.UtcNow.AddSeconds(2)), TestActor);
        var assigned = helper.ExpectMsg<AssignTask>();
        scheduler.Tell(new TaskResult(assigned.TaskId, TaskResultStatus.Ok, wrong, null, 10), helper.Ref);

        Assert.Equal(9, ExpectMsg<ResultRejected>().Key);
        var done = ExpectMsg<WorkDone>();
        Assert.Equal((9L, false), (done.Key, done.ByHelper));
        Assert.Equal(Answer, done.Output);
        Assert.Equal(new Judgement(1, JudgementKind.Rejected, 5), registry.ExpectMsg<Judgement>());
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        registry.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_helper_whose_connection_terminates_has_its_task_reassigned_at_once_and_is_judged_timed_out()
    {
        var registry = CreateTestProbe();
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        var scheduler = Start(registry, Sys.ActorOf(Props.Create(() => new Validator(new CoordinatorSettings()))),
            Trusted(1, first.Ref, "a"), Trusted(2, second.Ref, "b"));
        scheduler.Tell(new WorkItem(3, "ai.dialogue", Input, 5, DateTime.UtcNow.AddSeconds(20)), TestActor);
        AwaitCondition(() => first.HasMessages || second.HasMessages, TimeSpan.FromSeconds(3));
        var (holder, other, holderId) = first.HasMessages ? (first, second, 1L) : (second, first, 2L);
        var assigned = holder.ExpectMsg<AssignTask>();
        var clock = Stopwatch.StartNew();

        Sys.Stop(holder.Ref);

        var reassigned = other.ExpectMsg<AssignTask>(TimeSpan.FromSeconds(3));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "reassigned on termination, long before the hedge at half the 20 s deadline");
        Assert.Equal(assigned.TaskId, reassigned.TaskId);
        Assert.Equal(new Judgement(holderId, JudgementKind.TimedOut, 0), registry.ExpectMsg<Judgement>());
        scheduler.Tell(new TaskResult(reassigned.TaskId, TaskResultStatus.Ok, Answer, null, 10), other.Ref);
        Assert.True(ExpectMsg<WorkDone>().ByHelper);
    }

    /// <summary>A helper that never answers cannot make a deadline be missed: at the deadline the coordinator computes the task itself, and the helper's copy is judged timed out.</summary>
    [Fact]
    public void A_task_no_helper_answers_is_computed_here_at_its_deadline_and_the_silent_helper_is_judged_timed_out()
    {
        var registry = CreateTestProbe();
        var silent = CreateTestProbe();
        var scheduler = Start(registry, CreateTestProbe().Ref, Trusted(4, silent.Ref, "a"));
        var deadline = DateTime.UtcNow.AddSeconds(1.5);

        scheduler.Tell(new WorkItem(5, "ai.dialogue", Input, 5, deadline), TestActor);
        silent.ExpectMsg<AssignTask>();

        var done = ExpectMsg<WorkDone>(TimeSpan.FromSeconds(5));
        Assert.True(DateTime.UtcNow > deadline.AddMilliseconds(-300), "computed here only when the deadline came");
        Assert.Equal((false, true), (done.ByHelper, done.CoordinatorComputed));
        Assert.Equal(Answer, done.Output);
        Assert.Equal(new Judgement(4, JudgementKind.TimedOut, 0), registry.ExpectMsg<Judgement>(TimeSpan.FromSeconds(3)));
        silent.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_hedged_copy_that_never_answers_is_judged_timed_out_at_the_deadline_and_the_first_answer_is_used()
    {
        var registry = CreateTestProbe();
        var validator = CreateTestProbe();
        var slow = CreateTestProbe();
        var quick = CreateTestProbe();
        var settings = new CoordinatorSettings { CanaryRate = 0, SpotRate = 0, VerifyRate = 1, MinimumHedgeDelay = TimeSpan.FromMilliseconds(20) };
        var scheduler = Start(registry, validator.Ref, settings, Trusted(1, slow.Ref, "a"), Trusted(2, quick.Ref, "b"));
        // Seconds of slack: on a loaded machine the scheduler's first (cold) steps must not make the answer late.
        var deadline = DateTime.UtcNow.AddSeconds(4);

        scheduler.Tell(new WorkItem(42, "ai.dialogue", Input, 5, deadline), TestActor);
        AwaitCondition(() => slow.HasMessages || quick.HasMessages, TimeSpan.FromSeconds(2));
        var (firstHelper, otherHelper) = slow.HasMessages ? (slow, quick) : (quick, slow);
        var (firstId, otherId) = firstHelper == slow ? (1L, 2L) : (2L, 1L);
        var first = firstHelper.ExpectMsg<AssignTask>();
        var hedged = otherHelper.ExpectMsg<AssignTask>(TimeSpan.FromSeconds(3));
        Assert.Equal(first.TaskId, hedged.TaskId);
        scheduler.Tell(new TaskResult(hedged.TaskId, TaskResultStatus.Ok, Answer, null, 10), otherHelper.Ref);
        var check = validator.ExpectMsg<CheckResult>();
        scheduler.Tell(new ResultChecked(check.TaskId, check.HelperId, Answer, Verdict.Accept), validator.Ref);

        Assert.Equal(42, ExpectMsg<WorkDone>().Key);
        Assert.Equal(new Judgement(otherId, JudgementKind.Validated, 5), registry.ExpectMsg<Judgement>());
        var judged = registry.ExpectMsg<Judgement>(deadline - DateTime.UtcNow + TimeSpan.FromSeconds(2));
        Assert.Equal(new Judgement(firstId, JudgementKind.TimedOut, 0), judged);
        Assert.True(DateTime.UtcNow >= deadline - TimeSpan.FromMilliseconds(100), $"the silent copy was judged {(deadline - DateTime.UtcNow).TotalMilliseconds:0} ms before its deadline");
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
        var scheduler = Start(registry, validator.Ref, Trusted(5, veteran.Ref, "a"));
        scheduler.Tell(new WorkItem(1, "ai.dialogue", Input, 5, DateTime.UtcNow.AddSeconds(10)), TestActor);
        var answered = veteran.ExpectMsg<AssignTask>();
        scheduler.Tell(new TaskResult(answered.TaskId, TaskResultStatus.Ok, Answer, null, 1), veteran.Ref);
        var check = validator.ExpectMsg<CheckResult>();
        scheduler.Tell(new ResultChecked(check.TaskId, check.HelperId, Answer, Verdict.Accept), validator.Ref);
        ExpectMsg<WorkDone>();

        scheduler.Tell(new HelperDirectory([Trusted(3, newcomer.Ref, "b"), Trusted(5, veteran.Ref, "a")]), registry.Ref);
        scheduler.Tell(new WorkItem(2, "ai.dialogue", Input, 5, DateTime.UtcNow.AddSeconds(10)), TestActor);

        var held = newcomer.ExpectMsg<AssignTask>();
        Assert.Equal(held.TaskId, veteran.ExpectMsg<AssignTask>(TimeSpan.FromSeconds(2)).TaskId);
    }

    /// <summary>
    /// A copy that answers after the task was settled beyond doubt (here the coordinator settled it
    /// when the laggard passed its hedge time), and differently, is proven wrong: answering late
    /// hides nothing.
    /// </summary>
    [Fact]
    public void A_late_answer_that_differs_from_a_settled_answer_is_rejected()
    {
        var registry = CreateTestProbe();
        var (first, laggard) = (CreateTestProbe(), CreateTestProbe());
        var settings = new CoordinatorSettings { CanaryRate = 0, SpotRate = 0, VerifyRate = 1, MinimumHedgeDelay = TimeSpan.FromMilliseconds(20) };
        var scheduler = Start(registry, CreateTestProbe().Ref, settings, Untrusted(1, first.Ref, "a") with { Reputation = 0.9 }, Untrusted(2, laggard.Ref, "b"));

        scheduler.Tell(new WorkItem(8, "ai.dialogue", Input, 5, DateTime.UtcNow.AddSeconds(4)), TestActor);
        var task = first.ExpectMsg<AssignTask>();
        laggard.ExpectMsg<AssignTask>();
        scheduler.Tell(new TaskResult(task.TaskId, TaskResultStatus.Ok, Answer, null, 10), first.Ref);
        Assert.True(ExpectMsg<WorkDone>(TimeSpan.FromSeconds(5)).CoordinatorComputed);
        Assert.Equal(JudgementKind.Validated, registry.ExpectMsg<Judgement>().Kind);

        var wrong = (byte[])Answer.Clone();
        wrong[^1] ^= 1;
        scheduler.Tell(new TaskResult(task.TaskId, TaskResultStatus.Ok, wrong, null, 10), laggard.Ref);

        registry.FishForMessage<Judgement>(j => j.HelperId == 2 && j.Kind == JudgementKind.Rejected, TimeSpan.FromSeconds(3));
    }

    /// <summary>The dashboard asks for each helper's round trips: none before a helper answered, one sample after.</summary>
    [Fact]
    public void A_helpers_round_trips_are_told_once_it_answered()
    {
        var registry = CreateTestProbe();
        var helper = CreateTestProbe();
        var scheduler = Start(registry, Sys.ActorOf(Props.Create(() => new Validator(new CoordinatorSettings()))), Trusted(1, helper.Ref, "a"));

        scheduler.Tell(QueryHelperLatencies.Instance, TestActor);
        Assert.Empty(ExpectMsg<HelperLatencies>().ByHelper);
        scheduler.Tell(new WorkItem(7, "ai.dialogue", Input, 5, DateTime.UtcNow.AddSeconds(10)), TestActor);
        var assigned = helper.ExpectMsg<AssignTask>();
        scheduler.Tell(new TaskResult(assigned.TaskId, TaskResultStatus.Ok, Answer, null, 10), helper.Ref);
        ExpectMsg<WorkDone>();
        scheduler.Tell(QueryHelperLatencies.Instance, TestActor);

        var latency = Assert.Single(ExpectMsg<HelperLatencies>().ByHelper);
        Assert.Equal(1, latency.Key);
        Assert.Equal(1, latency.Value.Samples);
        Assert.True(latency.Value.MeanMs > 0, $"mean {latency.Value.MeanMs} ms");
        Assert.Equal(latency.Value.MeanMs, latency.Value.P95Ms);
    }

    /// <summary>A canary (a settled task sent again) answered wrongly is caught: the helper is rejected and the dashboard's counter moves.</summary>
    [Fact]
    public void A_canary_answered_wrongly_is_counted_as_caught()
    {
        var registry = CreateTestProbe();
        var cheat = CreateTestProbe();
        var settings = new CoordinatorSettings { CanaryRate = 1, SpotRate = 0, VerifyRate = 1 };
        var scheduler = Start(registry, CreateTestProbe().Ref, settings);
        scheduler.Tell(new WorkItem(1, "ai.dialogue", Input, 5, DateTime.UtcNow.AddSeconds(10)), TestActor);
        Assert.True(ExpectMsg<WorkDone>().CoordinatorComputed);
        scheduler.Tell(new HelperDirectory([Untrusted(3, cheat.Ref, "c")]), registry.Ref);
        var before = CoordinatorMetrics.CanariesCaught;

        scheduler.Tell(new WorkItem(2, "ai.dialogue", Input, 5, DateTime.UtcNow.AddSeconds(10)), TestActor);
        var live = cheat.ExpectMsg<AssignTask>();
        var canary = cheat.ExpectMsg<AssignTask>();
        var wrong = (byte[])Answer.Clone();
        wrong[^1] ^= 1;
        scheduler.Tell(new TaskResult(canary.TaskId, TaskResultStatus.Ok, wrong, null, 10), cheat.Ref);

        Assert.True(canary.TaskId > live.TaskId);
        Assert.Equal(new Judgement(3, JudgementKind.Rejected, 0), registry.FishForMessage<Judgement>(j => j.Kind == JudgementKind.Rejected));
        Assert.True(CoordinatorMetrics.CanariesCaught > before, "the caught canary was not counted");
    }

    private IActorRef Start(TestProbe registry, IActorRef validator, params HelperView[] helpers) =>
        Start(registry, validator, new CoordinatorSettings { CanaryRate = 0, SpotRate = 0, VerifyRate = 1 }, helpers);

    private IActorRef Start(TestProbe registry, IActorRef validator, CoordinatorSettings settings, params HelperView[] helpers)
    {
        var scheduler = Sys.ActorOf(Props.Create(() => new DeadlineScheduler(settings, registry.Ref, validator)));
        registry.ExpectMsg<SubscribeHelpers>();
        scheduler.Tell(new HelperDirectory(helpers), registry.Ref);
        return scheduler;
    }
}
