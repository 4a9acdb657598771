using Akka.Actor;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Edge.Server;

/// <summary>
/// Base of the actor that owns one edge connection. Inbound wire messages arrive as plain
/// messages with no sender, already checked against the peer's role; <see cref="Send"/> queues
/// for the socket. The actor and the socket live and die together: the socket closing stops the
/// actor, and the actor stopping closes the socket (with a Goodbye after what was queued). When
/// the node starts leaving (<see cref="EdgeDraining"/>) the connection says Goodbye at once.
/// </summary>
public abstract class EdgeConnectionActor : ReceiveActor, IWithTimers
{
    private readonly IEdgeOutbound outbound;

    protected EdgeConnectionActor(EdgePeer peer, IEdgeOutbound outbound)
    {
        Peer = peer;
        this.outbound = outbound;
        Receive<EdgeDraining>(_ => Close(EdgeCloseCode.ShuttingDown, "the coordinator is shutting down"));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected EdgePeer Peer { get; }

    /// <summary>The last heartbeat round trip to the peer, null before the first.</summary>
    protected TimeSpan? RoundTrip => outbound.RoundTrip;

    /// <summary>Messages queued for the peer and not yet written.</summary>
    protected int Queued => outbound.Queued;

    /// <summary>Queues a message for the peer; false when the connection is closed or could not keep up (which closes it).</summary>
    protected bool Send(IEdgeMessage message) => outbound.TrySend(message);

    /// <summary>Says Goodbye with <paramref name="code"/> and closes the connection; the actor is stopped when it has closed.</summary>
    protected void Close(EdgeCloseCode code, string reason) => outbound.Close(code, reason);

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(EdgeDraining));
        base.PreStart();
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        outbound.Close(EdgeCloseCode.Normal, "the coordinator closed the connection");
        base.PostStop();
    }
}
