using Akka.TestKit;
using Akka.TestKit.Xunit2;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Scheduling;
using P2C2R.Coordinator.Validation;
using P2C2R.Edge.Blobs;
using P2C2R.Protocol.Contracts;
using P2C2R.Tasks;
using P2C2R.Tasks.Golden;
using static P2C2R.Coordinator.Tests.HelperViews;

namespace P2C2R.Coordinator.Tests;

/// <summary>
/// Data locality in the scheduler: a task's large parts travel to a helper once as blobs and are
/// then named by digest; a helper that lost them asks and gets them again; and a helper that
/// answers without holding what a task named cannot get a wrong result through.
/// </summary>
public sealed class BlobLocalityTests() : TestKit("akka.loglevel = WARNING\nakka.test.single-expect-default = 5s")
{
    private static readonly byte[] Input = GoldenInputs.For("render.upscale");
    private static readonly byte[] Answer = TaskExecutors.Upscale.Execute(Input);

    [Fact]
    public async Task A_large_input_part_travels_once_as_a_blob_and_the_next_task_names_it_by_digest()
    {
        var helper = CreateTestProbe();
        var scheduler = Start(Trusted(1, helper.Ref, "a"));

        scheduler.Tell(Work(1), TestActor);
        var blob = helper.ExpectMsg<BlobData>();
        var first = helper.ExpectMsg<AssignTask>();
        Assert.Equal(blob.Digest, Assert.Single(first.Splices!).Digest);
        Assert.True(BlobDigest.Matches(blob.Digest, blob.Content));
        Assert.True(first.Input.Length < 200, $"the inline part has {first.Input.Length} bytes");
        Assert.Equal(Input, Assemble(first, blob));
        scheduler.Tell(new TaskResult(first.TaskId, TaskResultStatus.Ok, Answer, null, 10), helper.Ref);
        var firstDone = ExpectMsg<WorkDone>();
        Assert.True(firstDone.HelperBytes > blob.Content.Length, $"{firstDone.HelperBytes} bytes counted");

        scheduler.Tell(Work(2), TestActor);
        var second = helper.ExpectMsg<AssignTask>();
        Assert.Equal(blob.Digest, Assert.Single(second.Splices!).Digest);
        scheduler.Tell(new TaskResult(second.TaskId, TaskResultStatus.Ok, Answer, null, 10), helper.Ref);
        var secondDone = ExpectMsg<WorkDone>();
        Assert.True(secondDone.ByHelper);
        Assert.InRange(secondDone.HelperBytes, 1, 400);
        var stats = await scheduler.Ask<SchedulerStats>(new QuerySchedulerStats(), TimeSpan.FromSeconds(3));
        Assert.Equal(["render.upscale", "render.upscale blobs"], stats.BytesByKind!.Keys);
        Assert.InRange(stats.BytesByKind["render.upscale blobs"], blob.Content.Length, blob.Content.Length + 400);
        Assert.Equal(stats.BytesToHelpers, stats.BytesByKind.Values.Sum());
    }

    [Fact]
    public void A_helper_that_lost_its_cache_asks_for_the_blob_and_gets_it_again()
    {
        var helper = CreateTestProbe();
        var scheduler = Start(Trusted(1, helper.Ref, "a"));
        scheduler.Tell(Work(1), TestActor);
        var blob = helper.ExpectMsg<BlobData>();
        var first = helper.ExpectMsg<AssignTask>();
        scheduler.Tell(new TaskResult(first.TaskId, TaskResultStatus.Ok, Answer, null, 10), helper.Ref);
        ExpectMsg<WorkDone>();

        scheduler.Tell(Work(2), TestActor);
        var second = helper.ExpectMsg<AssignTask>();
        scheduler.Tell(new BlobRequest([second.Splices![0].Digest]), helper.Ref);

        var again = helper.ExpectMsg<BlobData>();
        Assert.Equal(blob.Digest, again.Digest);
        Assert.Equal(blob.Content, again.Content);
        scheduler.Tell(new TaskResult(second.TaskId, TaskResultStatus.Ok, Answer, null, 10), helper.Ref);
        Assert.True(ExpectMsg<WorkDone>().HelperBytes > blob.Content.Length, "the blob sent again is charged to the task that named it");
    }

    [Fact]
    public void A_helper_answering_without_the_blob_it_was_named_is_rejected_and_the_task_goes_with_its_blob_to_another()
    {
        var registry = CreateTestProbe();
        var liar = CreateTestProbe();
        var honest = CreateTestProbe();
        var scheduler = Start(registry, Trusted(1, liar.Ref, "a") with { Reputation = 1.0 }, Trusted(2, honest.Ref, "b") with { Reputation = 0.5 });

        scheduler.Tell(Work(1), TestActor);
        liar.ExpectMsg<BlobData>();
        var task = liar.ExpectMsg<AssignTask>();
        var madeUp = (byte[])Answer.Clone();
        madeUp[^1] ^= 0x40;
        scheduler.Tell(new TaskResult(task.TaskId, TaskResultStatus.Ok, madeUp, null, 10), liar.Ref);

        Assert.Equal(JudgementKind.Rejected, registry.ExpectMsg<Judgement>().Kind);
        Assert.Equal(1, ExpectMsg<ResultRejected>().HelperId);
        var blob = honest.ExpectMsg<BlobData>();
        var moved = honest.ExpectMsg<AssignTask>();
        Assert.Equal(task.TaskId, moved.TaskId);
        Assert.Equal(Input, Assemble(moved, blob));
        scheduler.Tell(new TaskResult(moved.TaskId, TaskResultStatus.Ok, Answer, null, 10), honest.Ref);
        Assert.Equal(Answer, ExpectMsg<WorkDone>().Output);
    }

    private static WorkItem Work(long key) => new(key, "render.upscale", Input, 5, DateTime.UtcNow.AddSeconds(10));

    private static byte[] Assemble(AssignTask task, BlobData blob)
    {
        var cache = new BlobCache(1 << 20);
        cache.Put(blob.Digest, blob.Content);
        return BlobSplicing.Assemble(task, cache, 1 << 20, out _)!;
    }

    private IActorRef Start(params HelperView[] helpers) => Start(CreateTestProbe(), helpers);

    private IActorRef Start(TestProbe registry, params HelperView[] helpers)
    {
        var settings = new CoordinatorSettings { CanaryRate = 0, SpotRate = 0, VerifyRate = 1 };
        var checking = settings with { VerifySampleFraction = 1.0 };
        var validator = Sys.ActorOf(Props.Create(() => new Validator(checking)));
        var scheduler = Sys.ActorOf(Props.Create(() => new DeadlineScheduler(settings, registry.Ref, validator)));
        registry.ExpectMsg<SubscribeHelpers>();
        scheduler.Tell(new HelperDirectory(helpers), registry.Ref);
        return scheduler;
    }
}
