using P2C2R.Remote.Cluster;

namespace P2C2R.Remote.Tests;

[Collection(TimingSensitive.Name)]
public class ClusterTests() : RemoteTestKit(Leader)
{
    private const string Leader = """
        p2c2r.remote.role = coordinator
        p2c2r.cluster { roles = [coordinator], down-unreachable-after = 1s, retry-join-interval = 200ms }
        """;

    private ClusterNode StartLeader()
    {
        _ = Remote;
        return ClusterNode.Start(Sys);
    }

    private string PeerConfig(string extra = "") => $$"""
        p2c2r.remote.role = peer
        p2c2r.cluster { seed-nodes = ["{{Remote.Address}}"], roles = [peer], retry-join-interval = 200ms }
        {{extra}}
        """;

    private (ActorSystem System, ClusterNode Cluster) StartPeer(string name, string extra = "")
    {
        var (system, _) = StartSystem(name, PeerConfig(extra));
        return (system, ClusterNode.Start(system));
    }

    [Fact]
    public void The_leader_admits_joining_peers_and_every_member_sees_them_up()
    {
        var leader = StartLeader();
        var events = CreateTestProbe();
        leader.Subscribe(events.Ref);
        var initial = events.FishForMessage<CurrentClusterState>(_ => true);
        Assert.Single(initial.Members);
        Assert.Equal(MemberStatus.Up, initial.Members[0].Status);

        var (a, _) = StartPeer("peer-a");
        var (b, clusterB) = StartPeer("peer-b");

        var up = new HashSet<string>();
        while (up.Count < 2)
        {
            var e = events.ExpectMsg<ClusterEvent>(timeout: TimeSpan.FromSeconds(10));
            if (e is MemberUp u)
            {
                Assert.Contains("peer", u.Member.Roles);
                up.Add(u.Member.Address.System);
            }
        }

        Assert.Equal(["peer-a", "peer-b"], up.Order());
        AwaitAssert(() => Assert.Equal(3, clusterB.Members.Count(m => m.Status == MemberStatus.Up)));
        Assert.Contains(clusterB.Members, m => m.Address == Remote.Address && m.HasRole("coordinator"));
        _ = a;
        _ = b;
    }

    [Fact]
    public void A_member_that_leaves_goes_through_leaving_and_exiting_to_removed()
    {
        var leader = StartLeader();
        var (_, peer) = StartPeer("leaver");
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(ClusterEvent));
        events.FishForMessage<MemberUp>(u => u.Member.Address.System == "leaver", TimeSpan.FromSeconds(10));

        peer.Leave();

        Assert.Equal(MemberStatus.Leaving, events.ExpectMsg<MemberLeft>().Member.Status);
        events.ExpectMsg<MemberExited>();
        Assert.Equal(MemberStatus.Exiting, events.ExpectMsg<MemberRemoved>().PreviousStatus);
        AwaitAssert(() => Assert.Empty(peer.Members));
    }

    /// <summary>
    /// A member may shut down without its leave request (it skips it while its own view does not
    /// yet show it up); its disassociate frame is enough. The leader acting on the shutdown event
    /// alone is checked here: the peer is still running, so no leave request is ever sent. A join
    /// that incarnation still sends is refused.
    /// </summary>
    [Fact]
    public void A_member_that_announces_its_shutdown_is_removed_without_a_leave_request_and_cannot_rejoin()
    {
        var leader = StartLeader();
        var (peerSystem, _) = StartPeer("quitter");
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(ClusterEvent));
        var up = events.FishForMessage<MemberUp>(u => u.Member.Address.System == "quitter", TimeSpan.FromSeconds(10));

        Sys.EventStream.Publish(new RemoteShutdown(up.Member.Address, peerSystem.Uid));

        events.ExpectMsg<MemberLeft>();
        events.ExpectMsg<MemberExited>();
        events.ExpectMsg<MemberRemoved>(r => r.Member.Address == up.Member.Address);

        leader.Core.Tell(new Join(up.Member.Address, peerSystem.Uid, ["peer"]), TestActor);
        events.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        Assert.DoesNotContain(leader.Members, m => m.Address == up.Member.Address);
    }

    [Fact]
    public void A_killed_member_becomes_unreachable_then_is_downed_and_removed()
    {
        var leader = StartLeader();
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(ClusterEvent));
        using var node = NodeProcess.Start("doomed", FastDetection + "\n" + PeerConfig(), TimeSpan.FromSeconds(30));
        events.FishForMessage<MemberUp>(u => u.Member.Address == node.Address, TimeSpan.FromSeconds(15));

        node.Kill();

        events.FishForMessage<UnreachableMember>(u => u.Member.Address == node.Address, TimeSpan.FromSeconds(5));
        events.ExpectMsg<MemberDowned>(d => d.Member.Address == node.Address, TimeSpan.FromSeconds(5));
        events.ExpectMsg<MemberRemoved>(r => r.Member.Address == node.Address);
        Assert.DoesNotContain(leader.Members, m => m.Address == node.Address);
    }

    [Fact]
    public void A_restarted_member_rejoins_cleanly_under_its_new_uid()
    {
        var leader = StartLeader();
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(ClusterEvent));
        var port = FreePort.Next();
        var fixedPort = $"p2c2r.remote.port = {port}";
        using (var first = NodeProcess.Start("phoenix", FastDetection + "\n" + PeerConfig(fixedPort), TimeSpan.FromSeconds(30)))
        {
            events.FishForMessage<MemberUp>(u => u.Member.Address.System == "phoenix", TimeSpan.FromSeconds(15));
            first.Kill();
        }

        using var second = NodeProcess.Start("phoenix", FastDetection + "\n" + PeerConfig(fixedPort), TimeSpan.FromSeconds(30));

        var removedOld = false;
        MemberUp? upAgain = null;
        events.FishForMessage<ClusterEvent>(e =>
        {
            removedOld |= e is MemberRemoved r && r.Member.Address == second.Address;
            upAgain = e is MemberUp u && u.Member.Address == second.Address ? u : upAgain;
            return removedOld && upAgain is not null;
        }, TimeSpan.FromSeconds(15));
        Assert.Single(leader.Members, m => m.Address == second.Address && m.Status == MemberStatus.Up);
    }
}
