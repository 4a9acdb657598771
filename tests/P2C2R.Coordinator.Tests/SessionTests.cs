using P2C2R.Coordinator.Scheduling;
using P2C2R.Coordinator.Sessions;
using P2C2R.Protocol;
using P2C2R.Tasks;

namespace P2C2R.Coordinator.Tests;

/// <summary>A session against a scheduler that loses work: the safety net sends it again and the frame still comes.</summary>
public sealed class SessionTests : PersistentTestKit
{
    private const int Slots = 16;

    [Fact]
    public void Frame_tasks_the_scheduler_never_answers_are_sent_again_and_the_frame_still_arrives()
    {
        var scheduler = CreateTestProbe();
        var gamer = CreateTestProbe();
        var nobody = CreateTestProbe();
        var session = Sys.ActorOf(Props.Create(() => new Session("lossy", "ann", 30, gamer.Ref, new CoordinatorSettings(), scheduler.Ref, nobody.Ref, nobody.Ref)), "lossy");
        gamer.ExpectMsg<SessionStarted>();
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

            frame = gamer.PendingCount > 0 ? gamer.FishForMessage<FrameUpdate>(_ => true) : null;
        }

        Assert.Equal(0, frame.Tick);
    }

    private void Answer(IActorRef session, WorkItem work)
    {
        TaskExecutors.TryGet(work.TaskType, out var executor);
        session.Tell(new WorkDone(work.Key, executor.Execute(work.Input), ByHelper: false, LocalFallback: true), TestActor);
    }
}
