namespace P2C2R.Actors;

/// <summary>Messages the runtime itself acts on when they reach the front of the mailbox.</summary>
public abstract class AutoReceivedMessage;

/// <summary>Stops the actor once the messages queued before it are processed.</summary>
public sealed class PoisonPill : AutoReceivedMessage
{
    public static readonly PoisonPill Instance = new();
    private PoisonPill() { }
}

/// <summary>Makes the actor fail with <see cref="ActorKilledException"/>, so its supervisor decides.</summary>
public sealed class Kill : AutoReceivedMessage
{
    public static readonly Kill Instance = new();
    private Kill() { }
}

/// <summary>Delivered once to each watcher when a watched actor has stopped.</summary>
public sealed record Terminated(IActorRef ActorRef);

/// <summary>A <see cref="Terminated"/> queued by DeathWatch, delivered only if the watch still stands.</summary>
internal sealed class WatchedActorTerminated(Terminated terminated) : AutoReceivedMessage
{
    public Terminated Terminated { get; } = terminated;
}

/// <summary>Replies that carry success or failure, so Ask can complete with an exception.</summary>
public static class Status
{
    public sealed record Success(object? Value);

    public sealed record Failure(Exception Cause);
}

/// <summary>A message that could not be delivered, published on the event stream.</summary>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient, string Reason);

/// <summary>A message no behaviour of the receiving actor handled, published on the event stream.</summary>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient);
