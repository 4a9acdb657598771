namespace P2C2R.Actors.Tests;

public sealed class BehaviorTests : TestKit.TestKit
{
    [Fact]
    public void Become_replaces_and_BecomeStacked_pushes_behaviour()
    {
        var actor = Sys.ActorOf(Props.Create<MoodActor>());
        actor.Tell("how", TestActor);
        ExpectMsg("calm");
        actor.Tell("anger", TestActor);
        actor.Tell("how", TestActor);
        ExpectMsg("angry");
        actor.Tell("worse", TestActor);
        actor.Tell("how", TestActor);
        ExpectMsg("furious");
        actor.Tell("unbecome", TestActor);
        actor.Tell("how", TestActor);
        ExpectMsg("angry");
    }

    [Fact]
    public void Restart_returns_to_the_initial_behaviour()
    {
        var actor = Sys.ActorOf(Props.Create<MoodActor>());
        actor.Tell("anger", TestActor);
        actor.Tell("explode", TestActor);
        actor.Tell("how", TestActor);
        ExpectMsg("calm");
    }

    [Fact]
    public void Stash_holds_messages_until_unstash_in_their_order()
    {
        var actor = Sys.ActorOf(Props.Create<GateActor>());
        actor.Tell("a", TestActor);
        actor.Tell("b", TestActor);
        actor.Tell("open", TestActor);
        actor.Tell("c", TestActor);
        ExpectMsg("a");
        ExpectMsg("b");
        ExpectMsg("c");
    }

    [Fact]
    public void Stashed_messages_survive_a_restart()
    {
        var actor = Sys.ActorOf(Props.Create<GateActor>());
        actor.Tell("a", TestActor);
        actor.Tell("boom", TestActor);
        actor.Tell("open", TestActor);
        ExpectMsg("a");
    }

    [Fact]
    public void Stash_overflow_fails_the_actor()
    {
        using var limited = new LimitedStash();
        var actor = limited.Sys.ActorOf(Props.Create<GateActor>());
        limited.Watch(actor);
        limited.Logs.Exception<StashOverflowException>().ExpectOne(() =>
        {
            for (var i = 0; i < 3; i++)
            {
                actor.Tell($"m{i}", limited.TestActor);
            }
        });
    }

    [Fact]
    public void Async_receive_holds_the_mailbox_until_its_task_completes()
    {
        var actor = Sys.ActorOf(Props.Create<SlowAsyncActor>());
        actor.Tell(50, TestActor);
        actor.Tell(0, TestActor);
        actor.Tell(10, TestActor);
        ExpectMsg("start 50");
        ExpectMsg("end 50 inside");
        ExpectMsg("start 0");
        ExpectMsg("end 0 inside");
        ExpectMsg("start 10");
        ExpectMsg("end 10 inside");
    }

    [Fact]
    public void Async_receive_failure_goes_to_the_supervisor()
    {
        var actor = Sys.ActorOf(Props.Create<SlowAsyncActor>());
        Logs.Exception<InvalidOperationException>("decided Restart").ExpectOne(() => actor.Tell(-1, TestActor));
        actor.Tell(0, TestActor);
        ExpectMsg("start -1");
        ExpectMsg("start 0");
        ExpectMsg("end 0 inside");
    }

    [Fact]
    public void System_messages_are_processed_while_an_async_handler_is_pending()
    {
        var actor = Sys.ActorOf(Props.Create<SlowAsyncActor>());
        Watch(actor);
        actor.Tell(10_000, TestActor);
        ExpectMsg("start 10000");
        Sys.Stop(actor);
        ExpectTerminated(actor);
    }

    private sealed class MoodActor : ReceiveActor
    {
        public MoodActor()
        {
            Receive<string>(s => s == "how", _ => Sender.Tell("calm"));
            Receive<string>(s => s == "anger", _ => Become(Angry));
            Receive<string>(s => s == "explode", _ => throw new InvalidOperationException("explode"));
        }

        private void Angry()
        {
            Receive<string>(s => s == "how", _ => Sender.Tell("angry"));
            Receive<string>(s => s == "worse", _ => BecomeStacked(() => Receive<string>(s => s == "how", _ => Sender.Tell("furious"))));
            Receive<string>(s => s == "explode", _ => throw new InvalidOperationException("explode"));
        }

        protected internal override void Unhandled(object message)
        {
            if (message is "unbecome")
            {
                UnbecomeStacked();
                return;
            }

            base.Unhandled(message);
        }
    }

    private sealed class GateActor : ReceiveActor, IWithStash
    {
        public GateActor()
        {
            Receive<string>(s => s == "open", _ =>
            {
                Stash.UnstashAll();
                Become(() => Receive<string>(s => Sender.Tell(s)));
            });
            Receive<string>(s => s == "boom", _ => throw new InvalidOperationException("boom"));
            Receive<string>(_ => Stash.Stash());
        }

        public IStash Stash { get; set; } = null!;
    }

    private sealed class LimitedStash() : TestKit.TestKit("p2c2r.actor.stash-capacity = 2");

    private sealed class SlowAsyncActor : ReceiveActor
    {
        private int _running;

        public SlowAsyncActor() => ReceiveAsync<int>(async delay =>
        {
            var sender = Sender;
            sender.Tell($"start {delay}");
            if (Interlocked.Increment(ref _running) != 1)
            {
                throw new InvalidOperationException("two handlers ran at once");
            }

            if (delay < 0)
            {
                Interlocked.Decrement(ref _running);
                await Task.Yield();
                throw new InvalidOperationException("async failure");
            }

            await Task.Delay(delay);
            var inside = ActorCellProbe.IsRunning(Self) ? "inside" : "outside";
            Interlocked.Decrement(ref _running);
            Sender.Tell($"end {delay} {inside}");
        });
    }
}

/// <summary>Tells whether the calling thread is inside a given actor's mailbox run.</summary>
internal static class ActorCellProbe
{
    public static bool IsRunning(IActorRef actor) => ActorCell.Running?.SelfRef.Equals(actor) == true;
}
