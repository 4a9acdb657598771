namespace P2C2R.Actors;

/// <summary>A user message with its sender. A struct, so queuing it allocates nothing.</summary>
internal readonly struct Envelope(object message, IActorRef? sender)
{
    public object Message { get; } = message;
    public IActorRef? Sender { get; } = sender;
}
