using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using P2C2R.Membership;
using P2C2R.Membership.Contracts;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Members;

/// <summary>
/// Where operator-owned helpers that joined the cluster (role <c>helper</c>) ask this coordinator
/// node for work (<c>/user/member-helpers</c>, one per node, like the registry it feeds). It admits
/// only members of this cluster with the helper role, and gives each a
/// <see cref="MemberHelperSession"/> of its own, which proves the helper's key as the edge does and
/// then runs the same <see cref="Edge.HelperConnection"/> an edge helper gets, so the registry,
/// scheduler, validation and credits cannot tell the two apart. A helper asking again (its link
/// restarted, or it gave up waiting) replaces its earlier session.
/// </summary>
public sealed class MemberHelperGate : ReceiveActor
{
    private readonly IActorRef _registry;
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<IActorRef, IActorRef> _sessionOfLink = [];
    private readonly Dictionary<IActorRef, IActorRef> _linkOfSession = [];
    private long _lastId;

    public MemberHelperGate(IActorRef registry)
    {
        _registry = registry;
        Receive<JoinAsHelper>(OnJoin);
        Receive<Terminated>(terminated =>
        {
            if (_linkOfSession.Remove(terminated.ActorRef, out var link))
            {
                _sessionOfLink.Remove(link);
            }
        });
    }

    public static Props Props(IActorRef registry) => Akka.Actor.Props.Create(() => new MemberHelperGate(registry));

    private void OnJoin(JoinAsHelper join)
    {
        var link = Sender;
        if (!IsHelperMember(link.Path.Address))
        {
            _log.Warning("Refused a member helper's request from {0}: not a member of this cluster with role {1}", link.Path.Address, ClusterNames.HelperRole);
            link.Tell(new Goodbye(EdgeCloseCode.AdmissionRefused, $"only members of this cluster with role {ClusterNames.HelperRole} are served here"), Self);
            return;
        }

        if (_sessionOfLink.Remove(link, out var earlier))
        {
            _linkOfSession.Remove(earlier);
            Context.Unwatch(earlier);
            Context.Stop(earlier);
        }

        var session = Context.Watch(Context.ActorOf(MemberHelperSession.Props(link, _registry, ++_lastId, join.ProtocolVersion), "member-" + _lastId));
        _sessionOfLink[link] = session;
        _linkOfSession[session] = link;
    }

    /// <summary>
    /// A member with the helper role that has not begun to leave. Joining counts: the helper sees
    /// itself up as soon as the leader moved it, and this node's view may be a gossip behind.
    /// </summary>
    private bool IsHelperMember(Address address)
    {
        foreach (var member in _cluster.State.Members)
        {
            if (member.Address.Equals(address))
            {
                return member.HasRole(ClusterNames.HelperRole)
                    && member.Status is MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up;
            }
        }

        return false;
    }
}
