using P2C2R.Coordinator;
using P2C2R.PeerNode.Helping;
using P2C2R.Protocol;
using P2C2R.Remote;
using P2C2R.Tasks.Golden;

namespace P2C2R.EndToEnd.Tests;

/// <summary>A helper asked to drain hands back what waits, finishes what runs, refuses new work, then says it is drained.</summary>
[Collection(nameof(Simulations))]
public sealed class HelperDrainTests : TestKit.TestKit
{
    [Fact]
    public void Draining_hands_back_queued_and_new_tasks_and_answers_once_running_ones_finish()
    {
        var cluster = new SimulatedCluster(this, new CoordinatorSettings());
        var system = cluster.AddHelper("drainer", "account-d", new SlowRunner(TimeSpan.FromMilliseconds(600)), concurrency: 1);
        var transport = RemoteTransport.Get(system);
        var helper = transport.ResolveRef(transport.Address + "/user/helper");
        var scheduler = CreateTestProbe();
        var input = GoldenInputs.For("ai.dialogue");
        helper.Tell(new AssignTask(1, "ai.dialogue", input, 5000), scheduler.Ref);
        helper.Tell(new AssignTask(2, "ai.dialogue", input, 5000), scheduler.Ref);

        helper.Tell(new Drain(), TestActor);

        var handedBack = scheduler.ExpectMsg<TaskResult>(timeout: TimeSpan.FromSeconds(3));
        Assert.Equal((2L, TaskResultStatus.HandedBack), (handedBack.TaskId, handedBack.Status));
        helper.Tell(new AssignTask(3, "ai.dialogue", input, 5000), scheduler.Ref);
        var refused = scheduler.ExpectMsg<TaskResult>();
        Assert.Equal((3L, TaskResultStatus.HandedBack), (refused.TaskId, refused.Status));
        var finished = scheduler.ExpectMsg<TaskResult>(timeout: TimeSpan.FromSeconds(3));
        Assert.Equal((1L, TaskResultStatus.Ok), (finished.TaskId, finished.Status));
        Assert.Equal(1, ExpectMsg<Drained>(timeout: TimeSpan.FromSeconds(3)).TasksDone);
    }
}
