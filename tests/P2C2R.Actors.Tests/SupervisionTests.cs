namespace P2C2R.Actors.Tests;

public sealed class SupervisionTests : TestKit.TestKit
{
    private IActorRef CreateChild(SupervisorStrategy strategy, string name = "child") =>
        Spawn(Sys.ActorOf(Props.Create(() => new Supervisor(strategy))), name);

    /// <summary>Has the supervisor create a counting child; its PreStart report and the reply may come in either order.</summary>
    private IActorRef Spawn(IActorRef supervisor, string name)
    {
        supervisor.Tell((Props.Create(() => new CountingActor(TestActor)), name), TestActor);
        var both = ReceiveN(2);
        Assert.Contains($"prestart {name}", both);
        return both.OfType<IActorRef>().Single();
    }

    [Fact]
    public async Task Restarted_child_has_fresh_state_and_keeps_processing_its_mailbox()
    {
        var child = CreateChild(SupervisorStrategy.DefaultStrategy);
        child.Tell("a");
        child.Tell("b");
        child.Tell("fail");
        child.Tell("c");
        child.Tell("d");
        child.Tell("e");
        ExpectMsg("prerestart child fail");
        ExpectMsg("poststop child");
        ExpectMsg("postrestart child");
        ExpectMsg("prestart child");
        Assert.Equal(3, await child.Ask<int>("count", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Restart_is_logged_with_the_cause()
    {
        var child = CreateChild(SupervisorStrategy.DefaultStrategy);
        Logs.Exception<InvalidOperationException>("decided Restart").ExpectOne(() => child.Tell("fail"));
    }

    [Fact]
    public async Task Resume_keeps_the_state_and_drops_only_the_failed_message()
    {
        var child = CreateChild(new OneForOneStrategy(_ => Directive.Resume));
        child.Tell("a");
        child.Tell("fail");
        child.Tell("b");
        Assert.Equal(2, await child.Ask<int>("count", TimeSpan.FromSeconds(3)));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Stop_directive_stops_the_child()
    {
        var child = CreateChild(new OneForOneStrategy(_ => Directive.Stop));
        Watch(child);
        child.Tell("fail");
        ExpectMsg("poststop child");
        ExpectTerminated(child);
    }

    [Fact]
    public void Default_strategy_stops_a_child_whose_constructor_throws()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.DefaultStrategy)));
        supervisor.Tell(Props.Create<BrokenActor>(), TestActor);
        var child = ExpectMsg<IActorRef>();
        Watch(child);
        ExpectTerminated(child);
    }

    [Fact]
    public void Kill_fails_the_actor_and_the_default_strategy_stops_it()
    {
        var child = CreateChild(SupervisorStrategy.DefaultStrategy);
        Watch(child);
        child.Tell(Kill.Instance);
        ExpectMsg("poststop child");
        ExpectTerminated(child);
    }

    [Fact]
    public void Escalate_reaches_the_grandparent_strategy()
    {
        var decisions = CreateTestProbe();
        var grandparent = Sys.ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(e =>
        {
            decisions.Ref.Tell(e.GetType().Name + ":" + e.Message);
            return Directive.Stop;
        }))));
        grandparent.Tell(Props.Create(() => new Supervisor(new OneForOneStrategy(_ => Directive.Escalate))), TestActor);
        var parent = ExpectMsg<IActorRef>();
        var grandchild = Spawn(parent, "grandchild");
        Watch(parent);
        grandchild.Tell("fail");
        decisions.ExpectMsg("InvalidOperationException:boom");
        ExpectMsg("poststop grandchild");
        ExpectTerminated(parent);
    }

    [Fact]
    public async Task All_for_one_restarts_every_sibling()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(new AllForOneStrategy(_ => Directive.Restart))));
        var one = Spawn(supervisor, "one");
        var two = Spawn(supervisor, "two");
        two.Tell("x");
        two.Tell("y");
        Assert.Equal(2, await two.Ask<int>("count", TimeSpan.FromSeconds(3)));
        one.Tell("fail");
        var seen = ReceiveN(8).Cast<string>().ToHashSet();
        Assert.Contains("prerestart one fail", seen);
        Assert.Contains("prerestart two ", seen);
        Assert.Contains("postrestart two", seen);
        Assert.Equal(0, await two.Ask<int>("count", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void One_for_one_leaves_siblings_alone()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.DefaultStrategy)));
        var one = Spawn(supervisor, "one");
        Spawn(supervisor, "two");
        one.Tell("fail");
        ExpectMsg("prerestart one fail");
        ExpectMsg("poststop one");
        ExpectMsg("postrestart one");
        ExpectMsg("prestart one");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Too_many_restarts_within_the_window_stop_the_child()
    {
        var child = CreateChild(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart));
        Watch(child);
        for (var i = 0; i < 3; i++)
        {
            child.Tell("fail");
        }

        var messages = new List<object>();
        FishForMessage<object>(m =>
        {
            messages.Add(m);
            return m is Terminated;
        }, TimeSpan.FromSeconds(5));
        Assert.Equal(2, messages.Count(m => m is "postrestart child"));
    }

    [Fact]
    public void Restarts_outside_the_window_are_forgiven()
    {
        var child = CreateChild(new OneForOneStrategy(1, TimeSpan.FromMilliseconds(100), _ => Directive.Restart));
        for (var i = 0; i < 3; i++)
        {
            child.Tell("fail");
            ExpectMsg("prerestart child fail");
            ExpectMsg("poststop child");
            ExpectMsg("postrestart child");
            ExpectMsg("prestart child");
            Thread.Sleep(150);
        }
    }

    [Fact]
    public void Restart_stops_the_old_children_before_the_new_instance_starts()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.DefaultStrategy)), "top");
        supervisor.Tell((Props.Create(() => new ParentWithChild(TestActor)), "parent"), TestActor);
        var both = ReceiveN(2);
        Assert.Contains("prestart inner", both);
        var parent = both.OfType<IActorRef>().Single();
        parent.Tell("fail");
        ExpectMsg("poststop inner");
        ExpectMsg("prestart inner");
    }

    [Fact]
    public void A_crash_loop_of_100_restarts_keeps_every_message_accounted_for()
    {
        var child = CreateChild(SupervisorStrategy.DefaultStrategy);
        for (var round = 0; round < 100; round++)
        {
            child.Tell("fail");
            child.Tell("ok");
        }

        AwaitAssert(() => Assert.Equal(1, child.Ask<int>("count", TimeSpan.FromSeconds(3)).Result), TimeSpan.FromSeconds(10));
    }

    private sealed class BrokenActor : ActorBase
    {
        public BrokenActor() => throw new InvalidOperationException("cannot build");

        protected internal override bool Receive(object message) => true;
    }

    private sealed class ParentWithChild : ReceiveActor
    {
        private readonly IActorRef _probe;

        public ParentWithChild(IActorRef probe)
        {
            _probe = probe;
            Receive<string>(_ => throw new InvalidOperationException("parent fails"));
        }

        protected override void PreStart() => Context.ActorOf(Props.Create(() => new CountingActor(_probe)), "inner");
    }
}
