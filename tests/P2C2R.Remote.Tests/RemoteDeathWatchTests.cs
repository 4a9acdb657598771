namespace P2C2R.Remote.Tests;

[Collection(TimingSensitive.Name)]
public class RemoteDeathWatchTests : RemoteTestKit
{
    [Fact]
    public void Watching_a_remote_actor_delivers_Terminated_when_it_stops()
    {
        var (other, otherRemote) = StartSystem("other");
        var echo = other.ActorOf(Props.Create<EchoActor>(), "echo");
        var remoteEcho = RefFrom(Remote, otherRemote, echo);
        remoteEcho.Tell(new Ping(1), TestActor);
        ExpectMsg<Pong>();

        Watch(remoteEcho);
        other.Stop(echo);

        Assert.Equal(remoteEcho, ExpectTerminated(remoteEcho).ActorRef);
    }

    [Fact]
    public void Watching_a_remote_actor_that_does_not_exist_delivers_Terminated_at_once()
    {
        var (_, otherRemote) = StartSystem("other");
        var nobody = Remote.ResolveRef($"{otherRemote.Address}/user/nobody");

        Watch(nobody);

        ExpectTerminated(nobody);
    }

    [Fact]
    public void A_remote_system_watching_a_local_actor_hears_of_its_death()
    {
        var (other, otherRemote) = StartSystem("other");
        var local = Sys.ActorOf(Props.Create<EchoActor>(), "local");
        var watcher = CreateTestProbe(other);
        var seenThere = RefFrom(otherRemote, Remote, local);

        watcher.Watch(seenThere);
        seenThere.Tell(new Ping(1), watcher.Ref);
        watcher.ExpectMsg<Pong>();
        Sys.Stop(local);

        watcher.ExpectTerminated(seenThere);
    }

    [Fact]
    public void Unwatch_before_the_death_means_no_Terminated()
    {
        var (other, otherRemote) = StartSystem("other");
        var echo = other.ActorOf(Props.Create<EchoActor>(), "echo");
        var remoteEcho = RefFrom(Remote, otherRemote, echo);

        Watch(remoteEcho);
        remoteEcho.Tell(new Ping(1), TestActor);
        ExpectMsg<Pong>();
        Unwatch(remoteEcho);
        remoteEcho.Tell(new Ping(2), TestActor);
        ExpectMsg<Pong>();
        other.Stop(echo);

        ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void A_killed_process_is_detected_within_the_detection_time_and_its_watched_actors_terminate()
    {
        using var node = NodeProcess.Start("killed", FastDetection, TimeSpan.FromSeconds(30));
        var echo = Remote.ResolveRef($"{node.Address}/user/echo");
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(RemoteUnreachable));
        Watch(echo);
        echo.Tell(new Ping(1), TestActor);
        ExpectMsg<Pong>(timeout: TimeSpan.FromSeconds(10));
        Thread.Sleep(500);

        node.Kill();
        var killedAt = DateTime.UtcNow;

        events.ExpectMsg<RemoteUnreachable>(u => u.Remote == node.Address, TimeSpan.FromSeconds(5));
        ExpectTerminated(echo, TimeSpan.FromSeconds(1));
        var detection = DateTime.UtcNow - killedAt;
        Assert.True(detection < TimeSpan.FromSeconds(3), $"detected after {detection.TotalMilliseconds:0} ms; heartbeat 100 ms, acceptable pause 500 ms");
    }
}
