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
/// drops, or the detector calls a member unreachable, this actor dials the member's cluster port;
/// refused on <see cref="Refusals"/> dials in a row, the member is downed and its sessions start
/// on the survivors some five seconds sooner. A dial that connects, times out or fails otherwise
/// changes nothing.
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
        if (member is null || member.Address == _cluster.SelfAddress || _dialing.ContainsKey(member.UniqueAddress)
            || member.Status is not (MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Joining))
        {
            return;
        }

        _dialing[member.UniqueAddress] = 0;
        Dial(member.UniqueAddress);
    }

    private void Dial(UniqueAddress member) =>
        IsRefusedAsync(member.Address.Host!, member.Address.Port!.Value).PipeTo(Self, success: refused => new Dialled(member, refused));

    private void Judge(Dialled dialled)
    {
        if (!_dialing.TryGetValue(dialled.Member, out var refusals))
        {
            return;
        }

        if (!dialled.Refused)
        {
            _dialing.Remove(dialled.Member);
            return;
        }

        if (++refusals < Refusals)
        {
            _dialing[dialled.Member] = refusals;
            Timers.StartSingleTimer(dialled.Member, new DialAgain(dialled.Member), DialAgainAfter);
            return;
        }

        _dialing.Remove(dialled.Member);
        if (_cluster.State.Members.Any(m => m.UniqueAddress == dialled.Member && m.Status != MemberStatus.Down))
        {
            _log.Warning("Member {0} refuses connections on its cluster port {1} times in a row: its process is gone, downing it now", dialled.Member.Address, refusals);
            _cluster.Down(dialled.Member.Address);
        }
    }

    /// <summary>Whether <paramref name="host"/> actively refuses a connection to <paramref name="port"/>; false when it accepts, stays silent or fails otherwise.</summary>
    private static async Task<bool> IsRefusedAsync(string host, int port)
    {
        using var timeout = new CancellationTokenSource(DialTimeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(host, port, timeout.Token);
            return false;
        }
        catch (SocketException refused) when (refused.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private sealed record Dialled(UniqueAddress Member, bool Refused);

    private sealed record DialAgain(UniqueAddress Member);
}
