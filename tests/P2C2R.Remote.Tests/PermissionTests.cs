namespace P2C2R.Remote.Tests;

/// <summary>Helpers (role peer) may reach only what the coordinator opens to them.</summary>
public class PermissionTests() : RemoteTestKit(Coordinator)
{
    private const string Coordinator = """
        p2c2r.remote {
          role = coordinator
          permissions.peer {
            paths = ["/system/cluster", "/temp/*", "/user/gateway"]
            messages = ["cluster.*", "status.*", "test.ping", "test.pong"]
          }
        }
        """;

    [Fact]
    public void A_peer_reaches_the_open_actor_with_an_allowed_message()
    {
        var gateway = Sys.ActorOf(Props.Create<EchoActor>(), "gateway");
        var (peer, peerRemote) = StartSystem("helper", "p2c2r.remote.role = peer");
        var probe = CreateTestProbe(peer);

        RefFrom(peerRemote, Remote, gateway).Tell(new Ping(1), probe.Ref);

        probe.ExpectMsg<Pong>(p => p.Sequence == 1);
    }

    [Fact]
    public void A_peer_message_of_a_type_not_open_to_peers_is_dropped_and_logged()
    {
        var gateway = Sys.ActorOf(Props.Create<EchoActor>(), "gateway");
        var (peer, peerRemote) = StartSystem("helper", "p2c2r.remote.role = peer");
        var probe = CreateTestProbe(peer);
        var remoteGateway = RefFrom(peerRemote, Remote, gateway);

        Logs.Warning("test.text is not open to the role").ExpectOne(() => remoteGateway.Tell(new Text("let me in"), probe.Ref));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        remoteGateway.Tell(new Ping(2), probe.Ref);
        probe.ExpectMsg<Pong>(p => p.Sequence == 2);
    }

    [Fact]
    public void A_peer_cannot_reach_an_actor_outside_its_paths()
    {
        var secret = Sys.ActorOf(Props.Create<EchoActor>(), "sessions");
        var (peer, peerRemote) = StartSystem("helper", "p2c2r.remote.role = peer");
        var probe = CreateTestProbe(peer);

        Logs.Warning("its path is not open to the role").ExpectOne(() => RefFrom(peerRemote, Remote, secret).Tell(new Ping(3), probe.Ref));

        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_peer_can_answer_an_Ask_from_the_coordinator()
    {
        var (peer, peerRemote) = StartSystem("helper", "p2c2r.remote.role = peer");
        var worker = peer.ActorOf(Props.Create<EchoActor>(), "worker");

        var reply = await RefFrom(Remote, peerRemote, worker).Ask<Pong>(new Ping(4), TimeSpan.FromSeconds(5));

        Assert.Equal(4, reply.Sequence);
    }

    [Fact]
    public void The_coordinator_role_is_unrestricted_on_a_peer()
    {
        var (peer, peerRemote) = StartSystem("helper", "p2c2r.remote.role = peer");
        var anything = CreateTestProbe(peer);

        RefFrom(Remote, peerRemote, anything.Ref).Tell(new Text("hi"), TestActor);

        anything.ExpectMsg<Text>(t => t.Value == "hi");
    }
}
