using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.TestKit.Xunit2;
using P2C2R.Coordinator.Balancing;
using P2C2R.Coordinator.Helpers;

namespace P2C2R.Coordinator.Tests;

/// <summary>
/// The node-local balancer with its registry, session region and pub-sub mediator as probes: it
/// publishes this node's load, hears the others', and moves one helper at a time, the least busy,
/// never sooner than its move interval.
/// </summary>
public sealed class HelperBalancerTests() : TestKit("akka.test.single-expect-default = 10s")
{
    /// <summary>Publishing every 300 ms, a load heard once at the start is still fresh at the first move, 600 ms in.</summary>
    private static readonly BalanceSettings Fast = new(Enabled: true, "a.example:8765", TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(600));

    [Fact]
    public void It_publishes_its_sessions_and_unquarantined_helpers()
    {
        var (balancer, registry, region, mediator) = Start(Fast);
        var helpers = new[] { CreateTestProbe(), CreateTestProbe(), CreateTestProbe() };

        balancer.Tell(new HelperDirectory([
            HelperViews.Trusted(1, helpers[0], "x"),
            HelperViews.Trusted(2, helpers[1], "y"),
            HelperViews.Trusted(3, helpers[2], "z") with { Quarantined = true },
        ]));
        region.ExpectMsg<GetShardRegionStats>();
        balancer.Tell(Stats(2, 1), region);

        var load = mediator.FishForMessage<Publish>(p => p.Message is NodeLoad { Sessions: 3 }).Message;
        Assert.Equal(new NodeLoad("node-a", "a.example:8765", 3, 2), load);
        Assert.Equal(HelperBalancer.Topic, mediator.FishForMessage<Publish>(_ => true).Topic);
    }

    [Fact]
    public void A_node_over_its_share_moves_its_least_busy_helper_to_the_node_short_of_one_and_waits_before_the_next()
    {
        var moving = Stopwatch.StartNew();
        var (balancer, _, region, _) = Start(Fast);
        var busy = CreateTestProbe();
        var idle = CreateTestProbe();
        var third = CreateTestProbe();
        balancer.Tell(new HelperDirectory([
            HelperViews.Trusted(1, busy, "x") with { Active = 2 },
            HelperViews.Trusted(2, idle, "y"),
            HelperViews.Trusted(3, third, "z") with { Active = 1 },
        ]));
        balancer.Tell(Stats(), region);
        // Node b publishes its load as a node does, so it is never forgotten while this test waits.
        var publishing = Sys.Scheduler.ScheduleTellRepeatedlyCancelable(TimeSpan.Zero, TimeSpan.FromMilliseconds(200), balancer, new NodeLoad("node-b", "b.example:8765", 2, 0), ActorRefs.NoSender);

        Assert.Equal(new MoveHelper("b.example:8765"), idle.ExpectMsg<MoveHelper>());
        Assert.True(moving.Elapsed >= TimeSpan.FromMilliseconds(400), $"moved {moving.Elapsed} after the balancer started: sooner than its move interval");
        busy.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        third.ExpectNoMsg(TimeSpan.Zero);
        publishing.Cancel();
    }

    [Fact]
    public void A_node_within_its_share_or_with_balancing_off_moves_nothing()
    {
        foreach (var (settings, sessions) in new[] { (Fast, 1), (Fast with { Enabled = false }, 0) })
        {
            var (balancer, _, region, _) = Start(settings);
            var helpers = new[] { CreateTestProbe(), CreateTestProbe() };
            balancer.Tell(new HelperDirectory([HelperViews.Trusted(1, helpers[0], "x"), HelperViews.Trusted(2, helpers[1], "y")]));
            balancer.Tell(Stats(sessions), region);
            balancer.Tell(new NodeLoad("node-b", "b.example:8765", 1, 1));

            helpers[0].ExpectNoMsg(TimeSpan.FromSeconds(1));
            helpers[1].ExpectNoMsg(TimeSpan.Zero);
            Sys.Stop(balancer);
        }
    }

    [Fact]
    public void A_node_not_heard_from_for_three_publications_is_forgotten()
    {
        var (balancer, _, region, _) = Start(Fast with { PublishEvery = TimeSpan.FromMilliseconds(100), MoveEvery = TimeSpan.FromSeconds(2) });
        var helpers = new[] { CreateTestProbe(), CreateTestProbe() };
        balancer.Tell(new HelperDirectory([HelperViews.Trusted(1, helpers[0], "x"), HelperViews.Trusted(2, helpers[1], "y")]));
        balancer.Tell(Stats(), region);
        balancer.Tell(new NodeLoad("node-b", "b.example:8765", 2, 0));

        helpers[0].ExpectNoMsg(TimeSpan.FromSeconds(2.4));
        helpers[1].ExpectNoMsg(TimeSpan.Zero);
    }

    /// <summary>What a shard region answers: shards numbered from 1, holding these many entities.</summary>
    private static ShardRegionStats Stats(params int[] entities) =>
        new(entities.Select((count, i) => (Shard: $"{i + 1}", count)).ToImmutableDictionary(e => e.Shard, e => e.count), ImmutableHashSet<string>.Empty);

    private (IActorRef Balancer, Akka.TestKit.TestProbe Registry, Akka.TestKit.TestProbe Region, Akka.TestKit.TestProbe Mediator) Start(BalanceSettings settings)
    {
        var registry = CreateTestProbe();
        var region = CreateTestProbe();
        var mediator = CreateTestProbe();
        var balancer = Sys.ActorOf(HelperBalancer.Props(settings, "node-a", registry, region, mediator));
        registry.ExpectMsg<SubscribeHelpers>();
        Assert.Equal(HelperBalancer.Topic, mediator.ExpectMsg<Subscribe>().Topic);
        return (balancer, registry, region, mediator);
    }
}
