using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Remote;
using P2C2R.Membership;

namespace P2C2R.Coordinator.Tests;

/// <summary>
/// A member whose process is gone is downed within a second or so of its connections closing,
/// while the failure detector here would take 30 s: its cluster port refuses connections. A member
/// that merely lost an association, and still listens, stays up.
/// </summary>
public sealed class CrashedMemberDowningTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    /// <summary>Two clustered nodes on loopback; a failure detector too patient to be what downs anyone here, and no leaving on termination (a kill, not a stop).</summary>
    private static readonly Config Node = ConfigurationFactory.ParseString("""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
        akka.cluster.failure-detector.acceptable-heartbeat-pause = 30s
        akka.coordinated-shutdown.run-by-actor-system-terminate = off
        akka.loglevel = WARNING
        """);

    public CrashedMemberDowningTests() : base(Node)
    {
    }

    [Fact]
    public async Task A_member_whose_process_is_gone_is_downed_long_before_the_failure_detector_would()
    {
        var other = await JoinedNodeAsync();
        var gone = Cluster.Get(other).SelfUniqueAddress;
        Sys.ActorOf(CrashedMemberDowning.Props());

        await other.Terminate();

        await AwaitAssertAsync(() => Assert.Equal(MemberStatus.Down, StatusOf(gone)), Soon);
    }

    [Fact]
    public async Task A_member_that_lost_an_association_but_still_listens_stays_up()
    {
        var other = await JoinedNodeAsync();
        try
        {
            var alive = Cluster.Get(other).SelfUniqueAddress;
            var downing = Sys.ActorOf(CrashedMemberDowning.Props());
            await downing.Ask<ActorIdentity>(new Identify(1), Soon);

            Sys.EventStream.Publish(new DisassociatedEvent(Cluster.Get(Sys).SelfAddress, alive.Address, inbound: true));

            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(MemberStatus.Up, StatusOf(alive));
        }
        finally
        {
            await other.Terminate();
        }
    }

    /// <summary>A second node, joined to this test's node and seen Up by it.</summary>
    private async Task<ActorSystem> JoinedNodeAsync()
    {
        var self = Cluster.Get(Sys);
        self.Join(self.SelfAddress);
        var other = ActorSystem.Create(Sys.Name, Node);
        Cluster.Get(other).Join(self.SelfAddress);
        var joined = Cluster.Get(other).SelfUniqueAddress;
        await AwaitConditionAsync(() => Task.FromResult(StatusOf(joined) == MemberStatus.Up), Soon);
        return other;
    }

    private MemberStatus? StatusOf(UniqueAddress member) =>
        Cluster.Get(Sys).State.Members.FirstOrDefault(m => m.UniqueAddress == member)?.Status;
}
