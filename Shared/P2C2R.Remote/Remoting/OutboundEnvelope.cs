using P2C2R.Actors;

namespace P2C2R.Remote;

/// <summary>What an envelope carries; the values are the type ids reserved for them on the wire.</summary>
internal enum EnvelopeKind
{
    User = 0,
    Watch = 1,
    Unwatch = 2,
    DeathWatchNotification = 3,
    Heartbeat = -1,
    Disassociate = -2,
}

/// <summary>A message waiting in an association's queue; serialized by the association's writer.</summary>
internal readonly struct OutboundEnvelope(object message, RemoteActorRef? recipient, IActorRef? sender, EnvelopeKind kind, Serialization.MessageType? type = null)
{
    public static readonly OutboundEnvelope Heartbeat = new(EnvelopeKind.Heartbeat, null, null, EnvelopeKind.Heartbeat);

    public object Message { get; } = message;
    public RemoteActorRef? Recipient { get; } = recipient;
    public IActorRef? Sender { get; } = sender;
    public EnvelopeKind Kind { get; } = kind;

    /// <summary>The registered type of a user message, looked up once when it is sent.</summary>
    public Serialization.MessageType? Type { get; } = type;

    public OutboundEnvelope WithType(Serialization.MessageType type) => new(Message, Recipient, Sender, Kind, type);
}
