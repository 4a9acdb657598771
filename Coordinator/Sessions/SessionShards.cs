using Akka.Cluster.Sharding;

namespace P2C2R.Coordinator.Sessions;

/// <summary>Where a session's messages go in the cluster: to its <see cref="SessionEntity"/>, by session id.</summary>
public sealed class SessionShards() : HashCodeMessageExtractor(ShardCount)
{
    public const string TypeName = "session";

    /// <summary>About ten per node of the largest cluster we plan for, so sessions spread evenly when nodes join or leave.</summary>
    public const int ShardCount = 30;

    public override string? EntityId(object message) => message switch
    {
        OpenSession open => open.SessionId,
        SessionCommand command => command.SessionId,
        _ => null,
    };
}
