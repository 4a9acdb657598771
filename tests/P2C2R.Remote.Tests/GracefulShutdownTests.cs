namespace P2C2R.Remote.Tests;

/// <summary>
/// A system that shuts down says so (a Disassociate frame), so its watchers learn of its actors'
/// end at once; the failure detector here is set so slow that it cannot be what tells them.
/// </summary>
[Collection(TimingSensitive.Name)]
public class GracefulShutdownTests() : RemoteTestKit("""
    p2c2r.remote.failure-detector { acceptable-heartbeat-pause = 60s, first-heartbeat-estimate = 1s }
    """)
{
    [Fact]
    public async Task Watchers_of_a_system_that_shuts_down_get_Terminated_without_waiting_for_the_failure_detector()
    {
        var (other, otherRemote) = StartSystem("other");
        var echo = other.ActorOf(Props.Create<EchoActor>(), "echo");
        var remoteEcho = RefFrom(Remote, otherRemote, echo);
        Watch(remoteEcho);
        remoteEcho.Tell(new Ping(1), TestActor);
        ExpectMsg<Pong>();

        await other.Terminate().WaitAsync(TimeSpan.FromSeconds(10));

        ExpectTerminated(remoteEcho, TimeSpan.FromSeconds(3));
    }

    /// <summary>
    /// A crash (<see cref="RemoteTransport.Abort"/>) says nothing: the other side sees only the
    /// closed connection, and must not take it for a shutdown, since the same system may connect
    /// again; its watchers wait for the failure detector.
    /// </summary>
    [Fact]
    public async Task A_crashed_system_is_seen_as_disassociated_but_not_as_shut_down()
    {
        var (other, otherRemote) = StartSystem("crasher");
        var echo = other.ActorOf(Props.Create<EchoActor>(), "echo");
        var remoteEcho = RefFrom(Remote, otherRemote, echo);
        Watch(remoteEcho);
        remoteEcho.Tell(new Ping(1), TestActor);
        ExpectMsg<Pong>();
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(Disassociated));
        Sys.EventStream.Subscribe(events.Ref, typeof(RemoteShutdown));

        otherRemote.Abort();
        await other.Terminate().WaitAsync(TimeSpan.FromSeconds(10));

        events.ExpectMsg<Disassociated>(d => d.Remote == otherRemote.Address, TimeSpan.FromSeconds(3));
        events.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
