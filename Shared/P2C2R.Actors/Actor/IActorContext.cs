using Microsoft.Extensions.Logging;

namespace P2C2R.Actors;

/// <summary>An actor's behaviour: true when it handled the message.</summary>
public delegate bool Receive(object message);

/// <summary>
/// What an actor may do to its surroundings: create and stop children, watch others, change
/// behaviour. Only the actor itself may use its context, and only while it runs.
/// </summary>
public interface IActorContext
{
    IActorRef Self { get; }

    /// <summary>The sender of the message being processed; dead letters when there is none.</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }

    ActorSystem System { get; }

    Props Props { get; }

    ILogger Log { get; }

    IEnumerable<IActorRef> Children { get; }

    IActorRef ActorOf(Props props, string? name = null);

    IActorRef? Child(string name);

    /// <summary>Stops this actor or one of its children, asynchronously.</summary>
    void Stop(IActorRef actor);

    /// <summary>Asks for exactly one <see cref="Terminated"/> when <paramref name="subject"/> stops.</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>No <see cref="Terminated"/> for <paramref name="subject"/> arrives after this call.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Replaces the current behaviour.</summary>
    void Become(Receive behavior);

    /// <summary>Pushes a behaviour; <see cref="UnbecomeStacked"/> returns to the one below.</summary>
    void BecomeStacked(Receive behavior);

    void UnbecomeStacked();
}
