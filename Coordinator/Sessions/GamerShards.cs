using Akka.Cluster.Sharding;

namespace P2C2R.Coordinator.Sessions;

/// <summary>Where a gamer account's messages go in the cluster: to its <see cref="GamerSessions"/>, by account.</summary>
public sealed class GamerShards() : HashCodeMessageExtractor(ShardCount)
{
    public const string TypeName = "gamer";

    /// <summary>About ten per node of the largest cluster we plan for.</summary>
    public const int ShardCount = 30;

    public override string? EntityId(object message) => message switch
    {
        GamerCommand command => command.Account,
        SessionReport report => report.Info.Account,
        _ => null,
    };
}
