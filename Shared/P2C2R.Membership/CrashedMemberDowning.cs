using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Remote;

namespace P2C2R.Membership;

/// <summary>
/// Downs a member at once when its process is provably gone, instead of waiting seconds for the
/// failure detector and the split-brain resolver. A crashed or killed process leaves its host
/// up: its connections close at once and its cluster port refuses new ones. Silence proves
/// nothing (a partition is silent too, and stays the resolver's to judge), but a refusal does: a
/// live node always listens on the port it joined with. So when an association with a member
/// drops, or the detector calls a member unreachable, this actor dials the member's cluster port.
/// Refused on <see cref="Refusals"/> dials in a row, the member is downed, and its sessions start
/// on the survivors seconds sooner, but only if this node still reaches the cluster ports of a
/// majority of the coordinators (itself among them): a node that a firewall's rejections cut off
/// from the rest sees every port refused, and must not down the majority; that stays the
/// resolver's call, as it is whenever a dial connects, times out or fails otherwise.
/// </summary>
public sealed class CrashedMemberDowning : ReceiveActor, IWithTimers
{
    /// <summary>Refused dials in a row that prove a member's process gone: one more than a port being rebound could explain.</summary>
    public const int Refusals = 2;

    private static readonly TimeSpan DialAgainAfter = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan DialTimeout = TimeSpan.FromSeconds(1);

    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<UniqueAddress, int> _dialing = [];

    public CrashedMemberDowning()
    {
        Receive<DisassociatedEvent>(lost => Suspect(lost.RemoteAddress));
        Receive<ClusterEvent.UnreachableMember>(unreachable => Suspect(unreachable.Member.Address));
        Receive<Dialled>(Judge);
        Receive<DialAgain>(again => Dial(again.Member));
        Receive<Majority>(Down);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props() => Akka.Actor.Props.Create(() => new CrashedMemberDowning());

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(DisassociatedEvent));
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.UnreachableMember));
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _cluster.Unsubscribe(Self);
    }

    /// <summary>Starts dialing a member at <paramref name="address"/> that is neither this node nor already down or leaving.</summary>
    private void Suspect(Address address)
    {
        var member = _cluster.State.Members.FirstOrDefault(m => m.Address == address);
        if (member is null || member.Address == _cluster.SelfAddress || _dialing.ContainsKey(member.UniqueAddress) || !IsLive(member))
        {
            return;
        }

        _dialing[member.UniqueAddress] = 0;
        Dial(member.UniqueAddress);
    }

    private void Dial(UniqueAddress member) =>
        DialAsync(member.Address).PipeTo(Self, success: answer => new Dialled(member, answer == Answer.Refused), failure: _ => new Dialled(member, false));

    private void Judge(Dialled dialled)
    {
        if (!_dialing.TryGetValue(dialled.Member, out var refusals))
        {
            return;
        }

        if (!dialled.Refused)
        {
            _dialing.Remove(dialled.Member);
            _log.Info("Member {0} does not refuse connections on its cluster port: it is left to the failure detector", dialled.Member.Address);
            return;
        }

        if (++refusals < Refusals)
        {
            _dialing[dialled.Member] = refusals;
            Timers.StartSingleTimer(dialled.Member, new DialAgain(dialled.Member), DialAgainAfter);
            return;
        }

        var coordinators = _cluster.State.Members.Where(m => m.HasRole(ClusterNames.CoordinatorRole) && IsLive(m)).ToArray();
        var others = coordinators.Where(m => m.UniqueAddress != dialled.Member && m.Address != _cluster.SelfAddress).ToArray();
        ReachedAsync(others).PipeTo(Self,
            success: reached => new Majority(dialled.Member, reached + 1, coordinators.Length),
            failure: _ => new Majority(dialled.Member, 0, coordinators.Length));
    }

    private void Down(Majority majority)
    {
        _dialing.Remove(majority.Member);
        if (!_cluster.State.Members.Any(m => m.UniqueAddress == majority.Member && m.Status != MemberStatus.Down))
        {
            return;
        }

        if (2 * majority.Reached <= majority.Coordinators)
        {
            _log.Info("Member {0} refuses connections on its cluster port, but this node reaches only {1} of {2} coordinators: leaving it to the split-brain resolver",
                majority.Member.Address, majority.Reached, majority.Coordinators);
            return;
        }

        _log.Warning("Member {0} refuses connections on its cluster port {1} times in a row while {2} of {3} coordinators answer: its process is gone, downing it now",
            majority.Member.Address, Refusals, majority.Reached, majority.Coordinators);
        _cluster.Down(majority.Member.Address);
    }

    private static bool IsLive(Member member) => member.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Joining;

    /// <summary>How many of <paramref name="members"/> accept a connection on their cluster port.</summary>
    private static async Task<int> ReachedAsync(IEnumerable<Member> members)
    {
        var answers = await Task.WhenAll(members.Select(m => DialAsync(m.Address))).ConfigureAwait(false);
        return answers.Count(answer => answer == Answer.Accepted);
    }

    /// <summary>Dials <paramref name="address"/>'s cluster port once and hangs up.</summary>
    private static async Task<Answer> DialAsync(Address address)
    {
        using var timeout = new CancellationTokenSource(DialTimeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(address.Host!, address.Port!.Value, timeout.Token).ConfigureAwait(false);
            return Answer.Accepted;
        }
        catch (SocketException refused) when (refused.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return Answer.Refused;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return Answer.None;
        }
    }

    private enum Answer
    {
        Accepted,
        Refused,
        None,
    }

    private sealed record Dialled(UniqueAddress Member, bool Refused);

    private sealed record DialAgain(UniqueAddress Member);

    /// <summary>Of <see cref="Coordinators"/> live coordinators, <see cref="Reached"/> (this node among them) answered while <see cref="Member"/> refused.</summary>
    private sealed record Majority(UniqueAddress Member, int Reached, int Coordinators);
}
