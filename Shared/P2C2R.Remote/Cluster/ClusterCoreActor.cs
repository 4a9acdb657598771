using Microsoft.Extensions.Logging;
using P2C2R.Actors;

namespace P2C2R.Remote.Cluster;

/// <summary>
/// <c>/system/cluster</c> on every member. On the leader (the coordinator that starts the
/// cluster) it owns the membership: it admits joiners, follows reachability from the failure
/// detector, downs members unreachable too long, removes leavers, and gossips each new view to
/// every member. On other members it keeps joining until welcomed and turns the leader's views
/// into local membership events. The view is one immutable list, replaced on every change.
/// </summary>
internal sealed class ClusterCoreActor : ReceiveActor, IWithTimers
{
    private const string JoinTimer = "join";
    private const int MaxDeparted = 1024;

    /// <summary>Incarnations (address, uid) that announced their shutdown: the most recent <see cref="MaxDeparted"/>.</summary>
    private readonly HashSet<(Address, long)> _departed = [];
    private readonly Queue<(Address, long)> _departedOrder = new();
    private readonly ClusterNode _node;
    private readonly RemoteTransport _transport;
    private readonly ILogger _log;
    private Gossip _view;
    private int _nextSeed;

    public ClusterCoreActor(ClusterNode node)
    {
        _node = node;
        _transport = node.Transport;
        _log = node.Log;
        _view = new Gossip(0, 0, []);
        Receive<Join>(OnJoin);
        Receive<Welcome>(welcome => ApplyView(welcome.Gossip));
        Receive<Gossip>(ApplyView);
        Receive<Leave>(OnLeave);
        Receive<RemoteShutdown>(OnRemoteShutdown);
        Receive<RemoteUnreachable>(u => SetReachable(u.Remote, u.Uid, false));
        Receive<RemoteReachable>(r => SetReachable(r.Remote, r.Uid, true));
        Receive<IncarnationReplaced>(OnIncarnationReplaced);
        Receive<DownIfStillUnreachable>(OnDownCheck);
        Receive<RetryJoin>(_ => SendJoin());
        Receive<SendCurrentState>(s => s.Subscriber.Tell(new CurrentClusterState(_view.Members), Self));
        Receive<LeaveSelf>(_ => LeaveCluster());
        Receive<DownMember>(d => Down(d.Address));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private bool IsLeader => _node.IsLeader;

    protected override void PreStart()
    {
        var events = Context.System.EventStream;
        events.Subscribe(Self, typeof(RemoteUnreachable));
        events.Subscribe(Self, typeof(RemoteShutdown));
        events.Subscribe(Self, typeof(RemoteReachable));
        events.Subscribe(Self, typeof(IncarnationReplaced));
        if (IsLeader)
        {
            var self = new Member(_transport.Address, Context.System.Uid, MemberStatus.Up, _node.Settings.Roles);
            Install(new Gossip(Context.System.Uid, 1, [self]));
            _log.LogInformation("Cluster started by {Address} as leader", _transport.Address);
        }
        else
        {
            StartJoining();
        }
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void StartJoining()
    {
        SendJoin();
        Timers.StartPeriodicTimer(JoinTimer, RetryJoin.Instance, _node.Settings.RetryJoinInterval);
    }

    private void SendJoin()
    {
        var seeds = _node.Settings.SeedNodes;
        var seed = seeds[_nextSeed++ % seeds.Count];
        _transport.ResolveRef($"{seed}/system/cluster").Tell(new Join(_transport.Address, Context.System.Uid, _node.Settings.Roles), Self);
    }

    private void OnJoin(Join join)
    {
        if (!IsLeader)
        {
            return;
        }

        if (_departed.Contains((join.Address, join.Uid)))
        {
            _log.LogInformation("{Address} (uid {Uid}) asked to join after announcing its shutdown; refused", join.Address, join.Uid);
            return;
        }

        var members = _view.Members.ToList();
        var existing = members.FindIndex(m => m.Address == join.Address);
        if (existing >= 0 && members[existing].Uid != join.Uid)
        {
            _log.LogInformation("{Address} rejoins under a new uid {Uid}: the old incarnation is removed", join.Address, join.Uid);
            members.RemoveAt(existing);
            existing = -1;
        }

        if (existing < 0 || members[existing].Status is MemberStatus.Down or MemberStatus.Removed)
        {
            if (existing >= 0)
            {
                members.RemoveAt(existing);
            }

            _log.LogInformation("{Address} joins with roles [{Roles}]", join.Address, string.Join(",", join.Roles));
            members.Add(new Member(join.Address, join.Uid, MemberStatus.Joining, join.Roles));
            Update(members);
            members = [.. _view.Members.Select(m => m.Address == join.Address ? m with { Status = MemberStatus.Up } : m)];
            Update(members);
        }

        Sender?.Tell(new Welcome(_view), Self);
    }

    private void OnLeave(Leave leave)
    {
        if (!IsLeader)
        {
            return;
        }

        foreach (var status in new[] { MemberStatus.Leaving, MemberStatus.Exiting })
        {
            Update([.. _view.Members.Select(m => m.Address == leave.Address && m.Status < status ? m with { Status = status } : m)]);
        }

        Remove(leave.Address);
    }

    /// <summary>
    /// A member that announced its shutdown has left, whether or not its leave request got here
    /// first (it skips the request while it does not yet see itself up): no wait for the failure
    /// detector and the down timer. The incarnation is remembered, so a join it still sends while
    /// shutting down (its failure detector, starved on a loaded machine, may take the leader for
    /// unreachable and rejoin) cannot bring it back.
    /// </summary>
    private void OnRemoteShutdown(RemoteShutdown shutdown)
    {
        if (!IsLeader)
        {
            return;
        }

        if (_departed.Add((shutdown.Remote, shutdown.Uid)))
        {
            _departedOrder.Enqueue((shutdown.Remote, shutdown.Uid));
            if (_departedOrder.Count > MaxDeparted)
            {
                _departed.Remove(_departedOrder.Dequeue());
            }
        }

        if (_view.Members.Any(m => m.Address == shutdown.Remote && m.Uid == shutdown.Uid))
        {
            _log.LogInformation("{Address} shut down; it leaves the cluster", shutdown.Remote);
            OnLeave(new Leave(shutdown.Remote));
        }
    }

    private void SetReachable(Address address, long uid, bool reachable)
    {
        if (!IsLeader)
        {
            if (!reachable && _node.Settings.SeedNodes.Contains(address))
            {
                _log.LogWarning("The leader at {Address} is unreachable; rejoining", address);
                StartJoining();
            }

            return;
        }

        var member = _view.Members.FirstOrDefault(m => m.Address == address && m.Uid == uid);
        if (member is null || member.Reachable == reachable)
        {
            return;
        }

        Update([.. _view.Members.Select(m => m == member ? m with { Reachable = reachable } : m)]);
        if (!reachable)
        {
            Timers.StartSingleTimer(("down", address), new DownIfStillUnreachable(address, uid), _node.Settings.DownUnreachableAfter);
        }
        else
        {
            Timers.Cancel(("down", address));
        }
    }

    private void OnDownCheck(DownIfStillUnreachable check)
    {
        if (_view.Members.Any(m => m.Address == check.Address && m.Uid == check.Uid && !m.Reachable))
        {
            _log.LogWarning("{Address} was unreachable for {After}: downing it", check.Address, _node.Settings.DownUnreachableAfter);
            Down(check.Address);
        }
    }

    private void OnIncarnationReplaced(IncarnationReplaced replaced)
    {
        if (IsLeader)
        {
            if (_view.Members.Any(m => m.Address == replaced.Remote && m.Uid == replaced.OldUid))
            {
                Down(replaced.Remote);
            }
        }
        else if (_node.Settings.SeedNodes.Contains(replaced.Remote))
        {
            _log.LogInformation("The leader at {Address} restarted; rejoining", replaced.Remote);
            StartJoining();
        }
    }

    private void Down(Address address)
    {
        if (!IsLeader || address == _transport.Address)
        {
            return;
        }

        Update([.. _view.Members.Select(m => m.Address == address && m.Status < MemberStatus.Down ? m with { Status = MemberStatus.Down } : m)]);
        Remove(address);
    }

    private void Remove(Address address)
    {
        var leaving = _view.Members.Where(m => m.Address == address).ToList();
        if (leaving.Count == 0)
        {
            return;
        }

        Update([.. _view.Members.Where(m => m.Address != address)]);
        var removedView = _view with { Members = [.. _view.Members, .. leaving.Select(m => m with { Status = MemberStatus.Removed })] };
        foreach (var member in leaving)
        {
            ClusterOf(member.Address).Tell(removedView, Self);
        }
    }

    private void LeaveCluster()
    {
        if (IsLeader)
        {
            return;
        }

        Timers.Cancel(JoinTimer);
        var leader = _view.Members.FirstOrDefault(m => m.Uid == _view.LeaderUid)?.Address ?? _node.Settings.SeedNodes[0];
        ClusterOf(leader).Tell(new Leave(_transport.Address), Self);
    }

    /// <summary>Leader only: installs a new view, publishes the differences, gossips it.</summary>
    private void Update(List<Member> members)
    {
        var next = new Gossip(_view.LeaderUid, _view.Version + 1, members);
        Install(next);
        foreach (var member in members)
        {
            if (member.Address != _transport.Address && member.Status < MemberStatus.Down)
            {
                ClusterOf(member.Address).Tell(next, Self);
            }
        }
    }

    /// <summary>Member side: applies the leader's view if it is newer than the one held.</summary>
    private void ApplyView(Gossip gossip)
    {
        if (IsLeader || (gossip.LeaderUid == _view.LeaderUid && gossip.Version <= _view.Version))
        {
            return;
        }

        Timers.Cancel(JoinTimer);
        var removed = gossip.Members.Any(m => m.Address == _transport.Address && m.Status == MemberStatus.Removed);
        Install(gossip with { Members = removed ? [] : [.. gossip.Members.Where(m => m.Status != MemberStatus.Removed)] }, gossip);
        if (removed)
        {
            _log.LogInformation("{Address} was removed from the cluster", _transport.Address);
        }
    }

    /// <summary>
    /// Makes <paramref name="next"/> the view and publishes the events from the old view to
    /// <paramref name="announced"/> (the view as received, removed members included).
    /// </summary>
    private void Install(Gossip next, Gossip? announced = null)
    {
        var events = Context.System.EventStream;
        foreach (var change in MembershipDiff.Between(_view.Members, (announced ?? next).Members))
        {
            events.Publish(change);
        }

        _view = next;
        _node.OnView(next.Members);
    }

    private IActorRef ClusterOf(Address address) => _transport.ResolveRef($"{address}/system/cluster");

    private sealed record DownIfStillUnreachable(Address Address, long Uid);

    private sealed class RetryJoin
    {
        public static readonly RetryJoin Instance = new();
    }
}

/// <summary>Asks the cluster actor to send the current state to a new subscriber.</summary>
internal sealed record SendCurrentState(IActorRef Subscriber);

/// <summary>Asks the cluster actor to leave gracefully.</summary>
internal sealed class LeaveSelf
{
    public static readonly LeaveSelf Instance = new();
}

/// <summary>Asks the leader to down a member now.</summary>
internal sealed record DownMember(Address Address);
