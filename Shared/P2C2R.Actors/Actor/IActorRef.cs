namespace P2C2R.Actors;

/// <summary>
/// The only handle anyone holds on an actor: messages go in, nothing of the actor's state comes
/// out. Refs compare equal when they name the same incarnation (path and unique id).
/// </summary>
public interface IActorRef : IEquatable<IActorRef>
{
    ActorPath Path { get; }

    /// <summary>Sends without waiting. <paramref name="sender"/> is who a reply goes to (none: dead letters).</summary>
    void Tell(object message, IActorRef? sender);
}

/// <summary>Akka-style conveniences over <see cref="IActorRef"/>.</summary>
public static class ActorRefExtensions
{
    /// <summary>Sends with the current actor as sender when called inside an actor, otherwise with none.</summary>
    public static void Tell(this IActorRef receiver, object message) => receiver.Tell(message, ActorCell.CurrentSelf);

    /// <summary>Sends on behalf of the original sender, so the reply skips this hop.</summary>
    public static void Forward(this IActorRef receiver, object message, IActorContext context) => receiver.Tell(message, context.Sender);
}

/// <summary>Well-known refs.</summary>
public static class ActorRefs
{
    /// <summary>No sender: a reply to it goes to dead letters.</summary>
    public static readonly IActorRef? NoSender = null;
}
