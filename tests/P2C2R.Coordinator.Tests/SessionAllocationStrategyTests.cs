using System.Collections.Immutable;
using Akka.Cluster.Sharding;
using Akka.TestKit.Xunit2;
using P2C2R.Coordinator.Sessions;

namespace P2C2R.Coordinator.Tests;

/// <summary>
/// Session shards even out over the nodes without stopping a game: a rebalance moves a shard from
/// the fullest node only when that shard runs no session, and never while the nodes are within one
/// shard of each other; new shards go to the node with the fewest.
/// </summary>
public sealed class SessionAllocationStrategyTests : TestKit
{
    private readonly SessionAllocationStrategy _strategy = new();

    /// <summary>A cluster of one, up, as the shard coordinator's node is: Akka's allocation places shards on members' regions.</summary>
    public SessionAllocationStrategyTests() : base("akka.actor.provider = cluster\nakka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }")
    {
        var cluster = Akka.Cluster.Cluster.Get(Sys);
        cluster.Join(cluster.SelfAddress);
        AwaitCondition(() => cluster.SelfMember.Status == Akka.Cluster.MemberStatus.Up, TimeSpan.FromSeconds(10));
        _strategy.Start(Sys);
    }

    [Fact]
    public async Task A_rebalance_moves_the_fullest_nodes_first_shard_running_no_session()
    {
        var (full, empty) = (CreateTestProbe(), CreateTestProbe());
        var allocations = Allocations((full, ["1", "2", "3", "4"]), (empty, []));

        var rebalancing = _strategy.Rebalance(allocations, ImmutableHashSet<string>.Empty);
        full.ExpectMsg<GetShardRegionStats>();
        full.Reply(Stats(("1", 1), ("2", 2), ("3", 0), ("4", 1)));

        Assert.Equal(["3"], await rebalancing.WaitAsync(TimeSpan.FromSeconds(5)));
        empty.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public async Task A_shard_the_region_does_not_run_counts_as_empty_and_live_shards_never_move()
    {
        var (full, empty) = (CreateTestProbe(), CreateTestProbe());
        var allocations = Allocations((full, ["1", "2", "3"]), (empty, ["4"]));

        var live = _strategy.Rebalance(allocations, ImmutableHashSet<string>.Empty);
        full.ExpectMsg<GetShardRegionStats>();
        full.Reply(Stats(("1", 1), ("2", 1), ("3", 4)));
        Assert.Empty(await live.WaitAsync(TimeSpan.FromSeconds(5)));

        var idle = _strategy.Rebalance(allocations, ImmutableHashSet<string>.Empty);
        full.ExpectMsg<GetShardRegionStats>();
        full.Reply(Stats(("1", 1), ("3", 4)));
        Assert.Equal(["2"], await idle.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Nodes_within_one_shard_of_each_other_or_a_rebalance_under_way_move_nothing_and_ask_nothing()
    {
        var (a, b) = (CreateTestProbe(), CreateTestProbe());

        Assert.Empty(await _strategy.Rebalance(Allocations((a, ["1", "2"]), (b, ["3"])), ImmutableHashSet<string>.Empty).WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Empty(await _strategy.Rebalance(Allocations((a, ["1", "2", "3"]), (b, [])), ImmutableHashSet.Create("9")).WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Empty(await _strategy.Rebalance(Allocations((a, ["1", "2", "3"])), ImmutableHashSet<string>.Empty).WaitAsync(TimeSpan.FromSeconds(5)));
        a.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_new_shard_goes_to_the_node_with_the_fewest()
    {
        var (busy, quiet) = (CreateTestProbe(), CreateTestProbe());

        var home = await _strategy.AllocateShard(busy, "5", Allocations((busy, ["1", "2", "3"]), (quiet, ["4"]))).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(quiet.Ref, home);
    }

    private static ImmutableDictionary<IActorRef, IImmutableList<string>> Allocations(params (Akka.TestKit.TestProbe Region, string[] Shards)[] regions) =>
        regions.ToImmutableDictionary(r => r.Region.Ref, r => (IImmutableList<string>)r.Shards.ToImmutableList());

    private static ShardRegionStats Stats(params (string Shard, int Entities)[] shards) =>
        new(shards.ToImmutableDictionary(s => s.Shard, s => s.Entities), ImmutableHashSet<string>.Empty);
}
