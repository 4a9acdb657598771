using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Event;
using Akka.Remote;
using P2C2R.Membership;

namespace P2C2R.Coordinator.Tests;

/// <summary>
/// Three coordinator nodes in process, the failure detector too patient (30 s) to be what downs
/// anyone here. A member whose process is gone is downed within seconds, by the node that still
/// reaches the third; a member that merely lost an association, and still listens, stays up; and a
/// node that finds both others' ports refusing (as a node a firewall cut off would) downs neither.
/// </summary>
public sealed class CrashedMemberDowningTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    /// <summary>A coordinator node on loopback that does not leave the cluster when terminated (a kill, not a stop).</summary>
    private static readonly Config Node = ConfigurationFactory.ParseString($$"""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
        akka.cluster.roles = [{{ClusterNames.CoordinatorRole}}]
        akka.cluster.failure-detector.acceptable-heartbeat-pause = 30s
        akka.coordinated-shutdown.run-by-actor-system-terminate = off
        akka.loglevel = INFO
        """);

    public CrashedMemberDowningTests() : base(Node)
    {
    }

    [Fact]
    public async Task A_member_whose_process_is_gone_is_downed_long_before_the_failure_detector_would()
    {
        var (gone, third) = await ClusterOfThreeAsync();
        try
        {
            var member = Cluster.Get(gone).SelfUniqueAddress;
            await StartDowningAsync();

            await gone.Terminate();

            await AwaitAssertAsync(() => Assert.Equal(MemberStatus.Down, StatusOf(member)), Soon);
            Assert.Equal(MemberStatus.Up, StatusOf(Cluster.Get(third).SelfUniqueAddress));
        }
        finally
        {
            await third.Terminate();
        }
    }

    [Fact]
    public async Task A_member_that_lost_an_association_but_still_listens_stays_up()
    {
        var (alive, third) = await ClusterOfThreeAsync();
        try
        {
            var member = Cluster.Get(alive).SelfUniqueAddress;
            await StartDowningAsync();
            var log = LogOf<Info>();

            Sys.EventStream.Publish(new DisassociatedEvent(Cluster.Get(Sys).SelfAddress, member.Address, inbound: true));

            await log.FishForMessageAsync<Info>(info => $"{info.Message}".Contains("left to the failure detector", StringComparison.Ordinal), Soon);
            Assert.Equal(MemberStatus.Up, StatusOf(member));
        }
        finally
        {
            await Task.WhenAll(alive.Terminate(), third.Terminate());
        }
    }

    [Fact]
    public async Task A_node_that_finds_most_coordinators_refusing_downs_none_of_them()
    {
        var (first, second) = await ClusterOfThreeAsync();
        var members = new[] { Cluster.Get(first).SelfUniqueAddress, Cluster.Get(second).SelfUniqueAddress };
        await Task.WhenAll(first.Terminate(), second.Terminate());
        await StartDowningAsync();

        var log = LogOf<Info>();

        Sys.EventStream.Publish(new DisassociatedEvent(Cluster.Get(Sys).SelfAddress, members[0].Address, inbound: true));

        await log.FishForMessageAsync<Info>(info => $"{info.Message}".Contains("reaches only 1 of 3 coordinators", StringComparison.Ordinal), Soon);

        Assert.All(members, member => Assert.Equal(MemberStatus.Up, StatusOf(member)));
    }

    /// <summary>Two more nodes joined to this test's node, all three seen Up by it.</summary>
    private async Task<(ActorSystem, ActorSystem)> ClusterOfThreeAsync()
    {
        var self = Cluster.Get(Sys);
        self.Join(self.SelfAddress);
        var (second, third) = (ActorSystem.Create(Sys.Name, Node), ActorSystem.Create(Sys.Name, Node));
        Cluster.Get(second).Join(self.SelfAddress);
        Cluster.Get(third).Join(self.SelfAddress);
        await AwaitConditionAsync(() => Task.FromResult(self.State.Members.Count(m => m.Status == MemberStatus.Up) == 3), Soon);
        return (second, third);
    }

    /// <summary>A probe that hears this node's log events of type <typeparamref name="T"/>.</summary>
    private Akka.TestKit.TestProbe LogOf<T>() where T : LogEvent
    {
        var log = CreateTestProbe();
        Sys.EventStream.Subscribe(log.Ref, typeof(T));
        return log;
    }

    /// <summary>This node's downing actor, subscribed before the test goes on.</summary>
    private async Task StartDowningAsync() =>
        await Sys.ActorOf(CrashedMemberDowning.Props()).Ask<ActorIdentity>(new Identify(1), Soon);

    private MemberStatus? StatusOf(UniqueAddress member) =>
        Cluster.Get(Sys).State.Members.FirstOrDefault(m => m.UniqueAddress == member)?.Status;
}
