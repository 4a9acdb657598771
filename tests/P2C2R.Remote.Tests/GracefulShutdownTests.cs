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
}
