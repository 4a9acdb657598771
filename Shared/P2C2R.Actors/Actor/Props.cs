namespace P2C2R.Actors;

/// <summary>
/// An immutable recipe for an actor: how to construct it (again, on every restart) and which
/// mailbox and throughput it gets. A factory delegate, so no reflection runs per creation.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Type actorType, Func<ActorBase> factory)
    {
        ActorType = actorType;
        _factory = factory;
    }

    public Type ActorType { get; }

    /// <summary>Bound of the user queue; null takes the system's configured mailbox.</summary>
    public int? MailboxCapacity { get; private init; }

    public OverflowPolicy MailboxOverflow { get; private init; }

    /// <summary>Messages per run before yielding; null takes the dispatcher setting.</summary>
    public int? Throughput { get; private init; }

    public static Props Create<TActor>() where TActor : ActorBase, new() => new(typeof(TActor), static () => new TActor());

    public static Props Create<TActor>(Func<TActor> factory) where TActor : ActorBase => new(typeof(TActor), factory);

    public Props WithBoundedMailbox(int capacity, OverflowPolicy overflow = OverflowPolicy.DropNewest)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        return new Props(ActorType, _factory) { MailboxCapacity = capacity, MailboxOverflow = overflow, Throughput = Throughput };
    }

    public Props WithThroughput(int throughput)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(throughput, 1);
        return new Props(ActorType, _factory) { MailboxCapacity = MailboxCapacity, MailboxOverflow = MailboxOverflow, Throughput = throughput };
    }

    internal ActorBase NewActor() => _factory() ?? throw new InvalidOperationException($"the factory for {ActorType.Name} returned null");
}
