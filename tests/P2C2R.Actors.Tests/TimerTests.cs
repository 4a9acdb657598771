namespace P2C2R.Actors.Tests;

public sealed class TimerTests : TestKit.TestKit
{
    [Fact]
    public void Single_timer_fires_once()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimedActor(TestActor)));
        actor.Tell(("single", TimeSpan.FromMilliseconds(20)));
        ExpectMsg("tick single");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Periodic_timer_repeats_until_cancelled()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimedActor(TestActor)));
        actor.Tell(("periodic", TimeSpan.FromMilliseconds(10)));
        ExpectMsg("tick periodic");
        ExpectMsg("tick periodic");
        ExpectMsg("tick periodic");
        actor.Tell("cancel");

        // Ticks the actor sent before it handled the cancel may still be on their way; none may follow it.
        FishForMessage<string>(message => message == "cancelled");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_cancelled_timer_message_already_queued_is_not_received()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimedActor(TestActor)));
        actor.Tell("block-then-cancel");
        ExpectMsg("cancelled");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Timers_are_cancelled_when_the_actor_stops()
    {
        var before = Sys.Scheduler.ActiveCount;
        var actor = Sys.ActorOf(Props.Create(() => new TimedActor(TestActor)));
        actor.Tell(("periodic", TimeSpan.FromMilliseconds(10)));
        ExpectMsg("tick periodic");
        Watch(actor);
        Sys.Stop(actor);
        FishForMessage<object>(m => m is Terminated t && t.ActorRef.Equals(actor));
        AwaitAssert(() => Assert.Equal(before, Sys.Scheduler.ActiveCount));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Timers_are_cancelled_on_restart()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimedActor(TestActor)));
        actor.Tell(("periodic", TimeSpan.FromMilliseconds(10)));
        ExpectMsg("tick periodic");
        actor.Tell("fail");
        FishForMessage<string>(m => m == "restarted");
        Thread.Sleep(50);
        while (PendingCount > 0)
        {
            ReceiveOne();
        }

        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    private sealed class TimedActor : ReceiveActor, IWithTimers
    {
        public TimedActor(IActorRef probe)
        {
            Receive<(string Key, TimeSpan Delay)>(request =>
            {
                if (request.Key == "single")
                {
                    Timers.StartSingleTimer(request.Key, $"tick {request.Key}", request.Delay);
                }
                else
                {
                    Timers.StartPeriodicTimer(request.Key, $"tick {request.Key}", request.Delay);
                }
            });
            Receive<string>(s => s == "cancel", _ =>
            {
                Timers.Cancel("periodic");
                probe.Tell("cancelled");
            });
            Receive<string>(s => s == "block-then-cancel", _ =>
            {
                Timers.StartSingleTimer("t", "tick t", TimeSpan.Zero);
                Thread.Sleep(50);
                Timers.Cancel("t");
                probe.Tell("cancelled");
            });
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("fail"));
            Receive<string>(s => probe.Tell(s));
            _probe = probe;
        }

        private readonly IActorRef _probe;

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PostRestart(Exception reason) => _probe.Tell("restarted");
    }
}
