using Akka.Actor;

namespace P2C2R.Coordinator;

/// <summary>
/// Where edge connections send their messages: helper connections send
/// <see cref="Helpers.HelperJoined"/> and <see cref="Protocol.Contracts.HelperLoad"/> to
/// <paramref name="Registry"/> (this node's); gamer connections send
/// <see cref="Sessions.GamerCommand"/> to <paramref name="Gamers"/>, the shard region of gamer
/// accounts, which reaches the account on whichever node it lives. The refs are stable for the life
/// of the actor system.
/// </summary>
public sealed record EdgeTargets(IActorRef Registry, IActorRef Gamers);
