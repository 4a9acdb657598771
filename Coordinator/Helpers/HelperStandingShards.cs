using Akka.Actor;
using Akka.Cluster.Sharding;

namespace P2C2R.Coordinator.Helpers;

/// <summary>Where a helper's standing lives in the cluster: its <see cref="HelperStanding"/>, by helper key (account/name).</summary>
public sealed class HelperStandingShards() : HashCodeMessageExtractor(ShardCount)
{
    public const string TypeName = "helper";

    /// <summary>About ten per node of the largest cluster we plan for.</summary>
    public const int ShardCount = 30;

    public static Props Props(string key) => Akka.Actor.Props.Create(() => new HelperStanding(key));

    public override string? EntityId(object message) => message switch
    {
        GetStanding get => get.Key,
        ReputationChanged changed => changed.Key,
        _ => null,
    };
}
