using Akka.Actor;
using P2C2R.Edge.Server;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Members;

/// <summary>
/// The sending half of a member helper's "connection": each message is told to the helper's
/// remote link actor at once, with the member's session as sender so that the link's answers come
/// back through the session's filter. Akka.Remote does the queueing, so nothing is counted here
/// and no heartbeat is measured (the cluster's failure detector watches the helper's node).
/// Called from the connection actor's thread and the session's, so closing is one atomic switch.
/// </summary>
internal sealed class MemberOutbound(IActorRef link, IActorRef session) : IEdgeOutbound
{
    private int _closed;

    public TimeSpan? RoundTrip => null;

    public int Queued => 0;

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    public bool TrySend(IEdgeMessage message)
    {
        if (IsClosed)
        {
            return false;
        }

        link.Tell(message, session);
        return true;
    }

    /// <summary>The connection actor ends the member: Goodbye to the helper, then the session stops.</summary>
    public void Close(EdgeCloseCode code, string reason)
    {
        if (Shut())
        {
            link.Tell(new Goodbye(code, reason), session);
            session.Tell(MemberClosed.Instance, ActorRefs.NoSender);
        }
    }

    /// <summary>Closes without telling anyone; true when it was still open (the caller then says what it must).</summary>
    public bool Shut() => Interlocked.Exchange(ref _closed, 1) == 0;
}

/// <summary>Outbound → session: the connection actor closed the member; the session stops.</summary>
internal sealed class MemberClosed
{
    public static readonly MemberClosed Instance = new();
}
