namespace P2C2R.Actors;

/// <summary>A ref to an actor of this process: a Tell is one enqueue on its mailbox.</summary>
public sealed class LocalActorRef : ActorRefBase
{
    private volatile bool _terminated;

    internal LocalActorRef(ActorSystem system, ActorPath path, long uid, ActorCell cell)
        : base(system, path, uid) => Cell = cell;

    internal ActorCell Cell { get; }

    public override bool IsTerminated => _terminated;

    /// <summary>User messages waiting in the mailbox now (for metrics and tests).</summary>
    public int MailboxCount => Cell.Mailbox.Count;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.Mailbox.Post(message, sender);
    }

    internal override void SendSystemMessage(SystemMessage message) => Cell.Mailbox.PostSystem(message);

    internal void MarkTerminated() => _terminated = true;
}
