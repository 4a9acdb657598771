using System.Text;
using P2C2R.Actors;

namespace P2C2R.Remote;

/// <summary>
/// A ref to an actor of another system. A Tell enqueues on the association to that system; the
/// wire form of the path is encoded once, here. <see cref="Incarnation"/> is the remote system's
/// uid when the ref was learned: once that system restarts, messages to the old incarnation's
/// actors go to dead letters instead of reaching a stranger under the same path.
/// </summary>
public sealed class RemoteActorRef : ActorRefBase
{
    private readonly RemoteTransport _transport;
    private Association? _association;

    internal RemoteActorRef(RemoteTransport transport, RemotePath path, long incarnation)
        : base(transport.System, path.ToActorPath(), path.Uid)
    {
        _transport = transport;
        RemotePath = path;
        Incarnation = incarnation;
        ElementsUtf8 = Encoding.UTF8.GetBytes(path.Elements);
        WireUtf8 = Encoding.UTF8.GetBytes(path.ToString());
    }

    public RemotePath RemotePath { get; }

    public Address Address => RemotePath.Address;

    /// <summary>Uid of the remote system this ref belongs to; 0 when not yet known.</summary>
    public long Incarnation { get; }

    internal byte[] ElementsUtf8 { get; }

    internal byte[] WireUtf8 { get; }

    internal Association Association => _association ??= _transport.AssociationFor(Address);

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Association.Send(new OutboundEnvelope(message, this, sender, EnvelopeKind.User));
    }

    internal override void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Watch watch:
                _transport.Watcher.Add(this, watch.Watcher);
                Association.Send(new OutboundEnvelope(watch, this, watch.Watcher, EnvelopeKind.Watch));
                break;
            case Unwatch unwatch:
                _transport.Watcher.Remove(this, unwatch.Watcher);
                Association.Send(new OutboundEnvelope(unwatch, this, unwatch.Watcher, EnvelopeKind.Unwatch));
                break;
            case DeathWatchNotification death:
                Association.Send(new OutboundEnvelope(death, this, death.Actor, EnvelopeKind.DeathWatchNotification));
                break;
        }
    }
}

/// <summary>Stands for a local actor that no longer exists, so a death notice can name it exactly.</summary>
internal sealed class MissingActorRef(ActorSystem system, ActorPath path, long uid) : ActorRefBase(system, path, uid)
{
    public override bool IsTerminated => true;

    public override void Tell(object message, IActorRef? sender) =>
        System.DeadLetters.Tell(message, sender);

    internal override void SendSystemMessage(SystemMessage message)
    {
    }
}
