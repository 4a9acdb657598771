namespace P2C2R.Actors.Tests;

public sealed class DeathWatchTests : TestKit.TestKit
{
    [Fact]
    public void Terminated_arrives_exactly_once()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(target);
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Watching_an_already_dead_actor_gives_Terminated_once()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        var first = CreateTestProbe();
        first.Watch(target);
        Sys.Stop(target);
        first.ExpectTerminated(target);
        Watch(target);
        ExpectTerminated(target);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Parent_watching_its_child_gets_one_Terminated()
    {
        var parent = Sys.ActorOf(Props.Create(() => new WatchingParent(TestActor)));
        parent.Tell("stop-child");
        ExpectMsg<Terminated>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Unwatch_means_no_Terminated()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(target);
        Unwatch(target);
        Sys.Stop(target);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Unhandled_Terminated_is_a_death_pact()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        var pact = Sys.ActorOf(Props.Create(() => new PactActor(target)));
        Watch(pact);
        Sys.Stop(target);
        ExpectTerminated(pact);
    }

    [Fact]
    public void Terminated_is_exactly_once_under_racing_watch_and_stop_100_times()
    {
        for (var i = 0; i < 100; i++)
        {
            var target = Sys.ActorOf(Props.Create<EchoActor>());
            var probe = CreateTestProbe();
            var watch = Task.Run(() => probe.Watch(target));
            Sys.Stop(target);
            watch.Wait(TimeSpan.FromSeconds(5));
            probe.ExpectTerminated(target);
            probe.ExpectNoMsg(TimeSpan.FromMilliseconds(5));
        }
    }

    private sealed class WatchingParent : ReceiveActor
    {
        public WatchingParent(IActorRef probe)
        {
            var child = Context.Watch(Context.ActorOf(Props.Create<EchoActor>(), "child"));
            Receive<string>(_ => Context.Stop(child));
            Receive<Terminated>(t => probe.Tell(t));
        }
    }

    private sealed class PactActor : ActorBase
    {
        public PactActor(IActorRef target) => Context.Watch(target);

        protected internal override bool Receive(object message) => false;
    }
}
