using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;

namespace P2C2R.Coordinator.Sessions;

/// <summary>
/// Where session shards live: a new shard goes to the node holding the fewest (Akka's least-shard
/// allocation), but a rebalance moves only shards that hold no running session. Moving a live
/// session hands it off and starts it again on the other node, a pause of seconds for its gamer
/// (5–11 s measured when the node taking it had only just started); evening out the cluster is not
/// worth that. A node that joins (a new one, or one back from a rolling restart) is given empty
/// shards one at a time, so the sessions that start next land on it, and nobody's game stops.
/// </summary>
public sealed class SessionAllocationStrategy : IActorSystemDependentAllocationStrategy
{
    /// <summary>How long a rebalance round waits for a region to tell its shards' entity counts; a region that does not answer moves nothing.</summary>
    public static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Shards more on the fullest node than on the emptiest before one moves: one apart is as even as an odd count gets.</summary>
    private const int Imbalance = 2;

    private static readonly IImmutableSet<string> Nothing = ImmutableHashSet<string>.Empty;
    private readonly IShardAllocationStrategy _least = ShardAllocationStrategy.LeastShardAllocationStrategy(absoluteLimit: 1, relativeLimit: 0.1);

    /// <summary>Akka's least-shard allocation reads the cluster's members, so it starts with the shard coordinator's system.</summary>
    public void Start(ActorSystem system)
    {
        if (_least is IActorSystemDependentAllocationStrategy dependent)
        {
            dependent.Start(system);
        }
    }

    public Task<IActorRef> AllocateShard(IActorRef requester, string shardId, IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations) =>
        _least.AllocateShard(requester, shardId, currentShardAllocations);

    public async Task<IImmutableSet<string>> Rebalance(IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations, IImmutableSet<string> rebalanceInProgress)
    {
        if (rebalanceInProgress.Count > 0 || currentShardAllocations.Count < 2)
        {
            return Nothing;
        }

        var (fullest, shards) = currentShardAllocations.MaxBy(region => region.Value.Count);
        var emptiest = currentShardAllocations.Min(region => region.Value.Count);
        if (shards.Count - emptiest < Imbalance)
        {
            return Nothing;
        }

        ShardRegionStats stats;
        try
        {
            stats = await fullest.Ask<ShardRegionStats>(GetShardRegionStats.Instance, StatsTimeout).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return Nothing;
        }

        return MovableShard(shards, stats) is { } idle ? ImmutableHashSet.Create(idle) : Nothing;
    }

    /// <summary>The first of <paramref name="shards"/> (in the order they were allocated) running no session, if any.</summary>
    internal static string? MovableShard(IImmutableList<string> shards, ShardRegionStats stats) =>
        shards.FirstOrDefault(shard => !stats.Stats.TryGetValue(shard, out var entities) || entities == 0);
}
