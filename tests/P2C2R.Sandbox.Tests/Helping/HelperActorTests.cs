using Akka.Actor;
using Akka.TestKit;
using P2C2R.Edge.Blobs;
using P2C2R.Edge.Client;
using P2C2R.PeerNode.Helping;
using P2C2R.Protocol.Contracts;
using P2C2R.Tasks.Golden;

namespace P2C2R.Sandbox.Tests.Helping;

/// <summary>
/// The helper's agent with its edge client replaced by a probe: what it sends the coordinator
/// for each thing the coordinator (or the connection) does to it.
/// </summary>
public sealed class HelperActorTests : Akka.TestKit.Xunit2.TestKit
{
    private const string Terrain = "world.terrain";
    private readonly TestProbe _edge;

    public HelperActorTests() => _edge = CreateTestProbe("edge");

    [Fact]
    public void On_connect_it_registers_and_answers_an_assigned_task_with_the_executor_output()
    {
        var helper = StartHelper(new InProcessRunner());

        var register = EventFilter.Info(contains: "Accepted by the coordinator").ExpectOne(() => Connect(helper));
        helper.Tell(new AssignTask(7, Terrain, GoldenInputs.For(Terrain), 30_000));

        Assert.Equal("test-helper", register.Capabilities.Name);
        Assert.Contains(Terrain, register.Capabilities.TaskTypes);
        var result = _edge.ExpectMsg<TaskResult>(TimeSpan.FromSeconds(10));
        Assert.Equal((7L, TaskResultStatus.Ok), (result.TaskId, result.Status));
        Assert.Equal(GoldenHashes.ByTask[Terrain].Output, ResultHash.Of(result.Output));
        Assert.True(result.ElapsedMicros > 0);
    }

    [Fact]
    public void A_task_naming_its_input_by_digest_asks_for_the_blob_once_and_later_tasks_take_it_from_the_cache()
    {
        var helper = StartHelper(new InProcessRunner());
        Connect(helper);
        var input = GoldenInputs.For(Terrain);
        var digest = BlobDigest.Of(input);

        helper.Tell(new AssignTask(1, Terrain, [], 30_000, [new BlobSplice(0, digest)]));
        helper.Tell(new AssignTask(2, Terrain, [], 30_000, [new BlobSplice(0, digest)]));
        var request = _edge.ExpectMsg<BlobRequest>();
        Assert.Equal(digest, Assert.Single(request.Digests));
        helper.Tell(new BlobData(digest, input));

        var results = new[] { _edge.ExpectMsg<TaskResult>(TimeSpan.FromSeconds(10)), _edge.ExpectMsg<TaskResult>(TimeSpan.FromSeconds(10)) };
        Assert.Equal([1L, 2L], results.Select(r => r.TaskId).Order());
        Assert.All(results, r => Assert.Equal(GoldenHashes.ByTask[Terrain].Output, ResultHash.Of(r.Output)));

        helper.Tell(new AssignTask(3, Terrain, [], 30_000, [new BlobSplice(0, digest)]));
        var cached = _edge.ExpectMsg<TaskResult>(TimeSpan.FromSeconds(10));
        Assert.Equal((3L, TaskResultStatus.Ok), (cached.TaskId, cached.Status));
    }

    [Fact]
    public async Task Unknown_oversized_and_malformed_tasks_are_refused_and_a_full_helper_hands_work_back()
    {
        var runner = new GatedRunner();
        var helper = StartHelper(runner, concurrency: 1, options => options with { MaxInputBytes = 1024, QueueLimit = 1 });
        Connect(helper);

        helper.Tell(new AssignTask(1, "crypto.mine", [0x90], 1000));
        AssertResult(1, TaskResultStatus.InvalidInput, "not compiled into this helper");
        helper.Tell(new AssignTask(2, Terrain, new byte[1025], 1000));
        AssertResult(2, TaskResultStatus.InvalidInput, "input of 1025 bytes exceeds the limit of 1024");
        helper.Tell(new AssignTask(3, Terrain, [], 1000, [new BlobSplice(0, [1, 2, 3])]));
        AssertResult(3, TaskResultStatus.InvalidInput, "a splice digest must have 32 bytes");
        var big = new byte[2048];
        helper.Tell(new AssignTask(4, Terrain, [], 1000, [new BlobSplice(0, BlobDigest.Of(big))]));
        _edge.ExpectMsg<BlobRequest>();
        helper.Tell(new BlobData(BlobDigest.Of(big), big));
        AssertResult(4, TaskResultStatus.InvalidInput, "input of 2048 bytes exceeds the limit of 1024");

        helper.Tell(new AssignTask(5, Terrain, [1], 30_000));
        helper.Tell(new AssignTask(6, Terrain, [1], 30_000));
        helper.Tell(new AssignTask(7, Terrain, [1], 30_000));
        AssertResult(7, TaskResultStatus.HandedBack, "already holds 1 tasks");
        Assert.Equal([1], (await runner.NextStartedAsync()).Input);
        Assert.False(runner.AnyStarted);
    }

    [Fact]
    public async Task With_no_room_to_queue_a_free_slot_still_takes_a_task_and_only_the_overflow_is_handed_back()
    {
        var runner = new GatedRunner();
        var helper = StartHelper(runner, concurrency: 1, options => options with { QueueLimit = 0 });
        Connect(helper);

        helper.Tell(new AssignTask(1, Terrain, [1], 30_000));
        helper.Tell(new AssignTask(2, Terrain, [2], 30_000));
        helper.Tell(new AssignTask(3, Terrain, [], 30_000, [new BlobSplice(0, BlobDigest.Of([3]))]));

        AssertResult(2, TaskResultStatus.HandedBack, "already holds 0 tasks");
        AssertResult(3, TaskResultStatus.HandedBack, "already holds 0 tasks");
        (await runner.NextStartedAsync()).Succeed([1]);
        var result = _edge.ExpectMsg<TaskResult>();
        Assert.Equal((1L, TaskResultStatus.Ok), (result.TaskId, result.Status));
    }

    [Fact]
    public void A_blob_that_does_not_hash_to_its_digest_closes_the_connection_with_blob_mismatch()
    {
        var helper = StartHelper(new InProcessRunner());
        Connect(helper);
        var digest = BlobDigest.Of([1, 2, 3]);
        helper.Tell(new AssignTask(1, Terrain, [], 30_000, [new BlobSplice(0, digest)]));
        _edge.ExpectMsg<BlobRequest>();

        helper.Tell(new BlobData(digest, [1, 2, 4]));

        Assert.Equal(EdgeCloseCode.BlobMismatch, _edge.ExpectMsg<Goodbye>().Code);
    }

    [Fact]
    public async Task Draining_hands_back_waiting_and_new_tasks_finishes_running_ones_then_stops_its_connection()
    {
        var runner = new GatedRunner();
        var helper = StartHelper(runner, concurrency: 1);
        Connect(helper);
        helper.Tell(new AssignTask(1, Terrain, [1], 30_000));
        helper.Tell(new AssignTask(2, Terrain, [2], 30_000));
        var running = await runner.NextStartedAsync();

        helper.Tell(new Drain(TimeSpan.FromSeconds(10)), TestActor);
        AssertResult(2, TaskResultStatus.HandedBack, "draining");
        helper.Tell(new AssignTask(3, Terrain, [3], 30_000));
        AssertResult(3, TaskResultStatus.HandedBack, "draining");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        running.Succeed([42]);

        var finished = _edge.ExpectMsg<TaskResult>();
        Assert.Equal((1L, TaskResultStatus.Ok), (finished.TaskId, finished.Status));
        Assert.Equal([42], finished.Output);
        _edge.ExpectMsg<ClientStopped>();
        Assert.Equal(new Drained(1, 2), ExpectMsg<Drained>());
    }

    [Fact]
    public async Task A_drain_past_its_timeout_hands_back_what_still_runs_then_stops_its_connection()
    {
        var runner = new GatedRunner();
        var helper = StartHelper(runner, concurrency: 1);
        Connect(helper);
        helper.Tell(new AssignTask(1, Terrain, [1], 30_000));
        var running = await runner.NextStartedAsync();

        helper.Tell(new Drain(TimeSpan.FromMilliseconds(300)), TestActor);

        AssertResult(1, TaskResultStatus.HandedBack, "stopping");
        _edge.ExpectMsg<ClientStopped>();
        Assert.Equal(new Drained(0, 1), ExpectMsg<Drained>());
        running.Succeed([42]);
        _edge.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task After_a_lost_connection_it_registers_again_and_results_of_the_old_connection_are_discarded()
    {
        var runner = new GatedRunner();
        var helper = StartHelper(runner, concurrency: 1);
        Connect(helper);
        helper.Tell(new AssignTask(1, Terrain, [1], 30_000));
        helper.Tell(new AssignTask(2, Terrain, [2], 30_000));
        var old = await runner.NextStartedAsync();

        helper.Tell(new EdgeDisconnected("connection reset", null));
        Connect(helper, helperId: 2);
        old.Succeed([1]);
        helper.Tell(new AssignTask(3, Terrain, [3], 30_000));
        var next = await runner.NextStartedAsync();
        Assert.Equal([3], next.Input);
        next.Succeed([3]);

        var result = _edge.ExpectMsg<TaskResult>();
        Assert.Equal((3L, TaskResultStatus.Ok), (result.TaskId, result.Status));
        _edge.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Once_accepted_it_reports_its_load_to_the_coordinator_and_its_status_to_the_panel()
    {
        var status = CreateTestProbe();
        Sys.EventStream.Subscribe(status.Ref, typeof(HelperStatus));
        var helper = StartHelper(new GatedRunner(), concurrency: 3, options => options with { LoadInterval = TimeSpan.FromMilliseconds(100) });

        Connect(helper, helperId: 9);
        helper.Tell(new CreditUpdate(120, 4, 1));

        Assert.Equal(new HelperLoad(0, 3), _edge.ExpectMsg<HelperLoad>());
        var shown = status.FishForMessage<HelperStatus>(s => s.HelperId == 9 && s.Credits == 120, TimeSpan.FromSeconds(3));
        Assert.Equal(("account-1", "127.0.0.1:8765", 4L, 1L), (shown.Account, shown.Coordinator, shown.Validated, shown.Rejected));
    }

    [Fact]
    public void A_task_whose_blob_never_comes_fails_once_its_deadline_passes()
    {
        var helper = StartHelper(new InProcessRunner(), options: options => options with { LoadInterval = TimeSpan.FromMilliseconds(50) });
        Connect(helper);

        helper.Tell(new AssignTask(1, Terrain, [], 100, [new BlobSplice(0, BlobDigest.Of([9]))]));

        _edge.ExpectMsg<BlobRequest>();
        var result = _edge.FishForMessage<TaskResult>(_ => true, TimeSpan.FromSeconds(3));
        Assert.Equal((1L, TaskResultStatus.Failed), (result.TaskId, result.Status));
        Assert.Contains("did not arrive before the deadline", result.Reason);
    }

    /// <summary>
    /// A helper keeps the large parts of what it computed: a frame it upscaled is named by digest
    /// in the next task (here both frames of a delta), and it runs that task without asking.
    /// </summary>
    [Fact]
    public void The_large_parts_of_its_outputs_are_kept_and_a_later_task_naming_them_runs_without_asking()
    {
        var helper = StartHelper(new InProcessRunner());
        Connect(helper);
        helper.Tell(new AssignTask(1, "render.upscale", GoldenInputs.For("render.upscale"), 30_000));
        var upscaled = _edge.ExpectMsg<TaskResult>(TimeSpan.FromSeconds(10));
        var segments = new List<(int Offset, int Length)>();
        BlobSegments.Find(upscaled.Output, segments);
        var (offset, length) = Assert.Single(segments);
        var frame = upscaled.Output.AsSpan(offset, length).ToArray();
        var digest = BlobDigest.Of(frame);

        // [previous, current, level]: a fixarray of 3, both frames spliced in, then level 1.
        helper.Tell(new AssignTask(2, "codec.deflate", [0x93, 0x01], 30_000, [new BlobSplice(1, digest), new BlobSplice(1, digest)]));

        var delta = _edge.ExpectMsg<TaskResult>(TimeSpan.FromSeconds(10));
        Assert.Equal((2L, TaskResultStatus.Ok), (delta.TaskId, delta.Status));
        var input = new byte[1 + 2 * frame.Length + 1];
        input[0] = 0x93;
        frame.CopyTo(input, 1);
        frame.CopyTo(input, 1 + frame.Length);
        input[^1] = 0x01;
        Assert.Equal(TaskExecutors.Deflate.Execute(input), delta.Output);
    }

    private IActorRef StartHelper(ITaskRunner runner, int concurrency = 2, Func<HelperOptions, HelperOptions>? options = null)
    {
        var capabilities = new HelperCapabilities("test-helper", 2, 1L << 30, [.. TaskExecutors.All.Select(e => e.Type.Id)], 5.0, concurrency);
        var helperOptions = new HelperOptions(capabilities) { LoadInterval = TimeSpan.FromMinutes(1) };
        return Sys.ActorOf(HelperActor.Props(options?.Invoke(helperOptions) ?? helperOptions, runner, _ => ProbeClient.Props(_edge.Ref)));
    }

    private RegisterHelper Connect(IActorRef helper, long helperId = 1)
    {
        helper.Tell(new EdgeConnected(new Welcome("account-1", 1000, 4 << 20), CoordinatorAddress.Parse("127.0.0.1:8765")));
        var register = _edge.ExpectMsg<RegisterHelper>();
        helper.Tell(new HelperAccepted(helperId, 10));
        return register;
    }

    private void AssertResult(long taskId, TaskResultStatus status, string reason)
    {
        var result = _edge.ExpectMsg<TaskResult>();
        Assert.Equal((taskId, status), (result.TaskId, result.Status));
        Assert.Contains(reason, result.Reason);
    }
}
