using System.Collections.Concurrent;

namespace P2C2R.Actors.Tests;

public sealed class LifecycleTests : TestKit.TestKit
{
    [Fact]
    public void Stop_stops_a_subtree_children_first_with_PostStop_once_each()
    {
        var stops = new ConcurrentQueue<string>();
        var root = Sys.ActorOf(Props.Create(() => new TreeNode(3, 3, stops)), "root");
        AwaitCondition(() => ((LocalActorRef)root).Cell.ChildEntries().Length == 3);
        Watch(root);
        Sys.Stop(root);
        ExpectTerminated(root);
        var order = stops.ToArray();
        Assert.Equal(1 + 3 + 9 + 27, order.Length);
        Assert.Equal(order.Length, order.Distinct().Count());
        for (var i = 0; i < order.Length; i++)
        {
            foreach (var earlier in order.Take(i))
            {
                Assert.False(order[i].StartsWith(earlier + "/", StringComparison.Ordinal), $"{earlier} stopped before its descendant {order[i]}");
            }
        }
    }

    [Fact]
    public void Poison_pill_stops_after_the_messages_queued_before_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new CountingActor(TestActor)), "pill");
        ExpectMsg("prestart pill");
        Watch(actor);
        actor.Tell("a");
        actor.Tell("count", TestActor);
        actor.Tell(PoisonPill.Instance);
        actor.Tell("count", TestActor);
        ExpectMsg(1);
        ExpectMsg("poststop pill");
        ExpectTerminated(actor);
        ExpectNoMsg();
    }

    [Fact]
    public void Context_stop_of_self_runs_PostStop_once()
    {
        var actor = Sys.ActorOf(Props.Create(() => new SelfStopper(TestActor)));
        Watch(actor);
        actor.Tell("stop");
        actor.Tell("stop");
        ExpectMsg("poststop");
        ExpectTerminated(actor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Children_can_be_found_by_name_until_they_stop()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.DefaultStrategy)));
        parent.Tell((Props.Create<EchoActor>(), "kid"), TestActor);
        var kid = ExpectMsg<IActorRef>();
        Assert.Equal(kid, ((LocalActorRef)parent).Cell.Child("kid"));
        Assert.Equal("kid", kid.Path.Name);
        Assert.Equal(parent.Path, kid.Path.Parent);
    }

    [Fact]
    public void Coordinated_shutdown_runs_phases_in_order_before_stopping_actors()
    {
        var log = new ConcurrentQueue<string>();
        var actor = Sys.ActorOf(Props.Create(() => new StopRecorder(log)));
        Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "b", _ =>
        {
            log.Enqueue("service-stop");
            return Task.CompletedTask;
        });
        Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "a", async _ =>
        {
            await Task.Delay(20);
            log.Enqueue("service-unbind");
        });
        Assert.True(Sys.Terminate().Wait(TimeSpan.FromSeconds(10)));
        Assert.Equal(["service-unbind", "service-stop", "actor stopped"], log);
        Assert.True(((LocalActorRef)actor).IsTerminated);
        Assert.True(Sys.WhenTerminated.IsCompleted);
    }

    [Fact]
    public void A_phase_that_overruns_is_logged_cancelled_and_shutdown_continues()
    {
        using var kit = new ShortPhases();
        var cancelled = new TaskCompletionSource();
        kit.Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "stuck", async ct =>
        {
            await using var registration = ct.Register(() => cancelled.TrySetResult());
            await Task.Delay(Timeout.Infinite, ct);
        });
        kit.Logs.Warning("did not finish").ExpectOne(() => Assert.True(kit.Sys.Terminate().Wait(TimeSpan.FromSeconds(10))));
        Assert.True(cancelled.Task.IsCompleted, "the overrunning task was not cancelled");
    }

    private sealed class ShortPhases() : TestKit.TestKit("p2c2r.coordinated-shutdown.phases.service-requests-done.timeout = 200ms");

    private sealed class TreeNode : ActorBase
    {
        private readonly ConcurrentQueue<string> _stops;

        public TreeNode(int depth, int fanOut, ConcurrentQueue<string> stops)
        {
            _stops = stops;
            for (var i = 0; depth > 0 && i < fanOut; i++)
            {
                Context.ActorOf(Props.Create(() => new TreeNode(depth - 1, fanOut, stops)), $"n{i}");
            }
        }

        protected internal override bool Receive(object message) => false;

        protected override void PostStop() => _stops.Enqueue(Self.Path.Elements);
    }

    private sealed class SelfStopper : ReceiveActor
    {
        private readonly IActorRef _probe;

        public SelfStopper(IActorRef probe)
        {
            _probe = probe;
            Receive<string>(_ => Context.Stop(Self));
        }

        protected override void PostStop() => _probe.Tell("poststop");
    }

    private sealed class StopRecorder(ConcurrentQueue<string> log) : ActorBase
    {
        protected internal override bool Receive(object message) => false;

        protected override void PostStop() => log.Enqueue("actor stopped");
    }
}
