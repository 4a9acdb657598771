using Akka.Actor;

namespace P2C2R.Coordinator;

/// <summary>Edge → <see cref="CoordinatorRoot"/>: where do helper and gamer connections send their messages?</summary>
public sealed record GetEdgeTargets
{
    public static GetEdgeTargets Instance { get; } = new();
}

/// <summary>
/// Reply to <see cref="GetEdgeTargets"/>: helper connections send <see cref="Helpers.HelperJoined"/>
/// and <see cref="Protocol.Contracts.HelperLoad"/> to <paramref name="Registry"/>; gamer connections
/// send <see cref="Sessions.GamerCommand"/> to <paramref name="Sessions"/>. The refs are stable for
/// the life of the actor system (each names a back-off supervisor that brings its actor back).
/// </summary>
public sealed record EdgeTargets(IActorRef Registry, IActorRef Sessions);
