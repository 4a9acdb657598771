using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using P2C2R.Edge.Client;
using P2C2R.Membership;
using P2C2R.Membership.Contracts;
using P2C2R.Protocol.Contracts;
using P2C2R.Protocol.Identity;

namespace P2C2R.PeerNode.Membership;

/// <summary>
/// A member helper's way to the coordinators, in place of the edge client and with its contract
/// towards the <see cref="Helping.HelperActor"/>: <see cref="EdgeConnected"/>,
/// <see cref="EdgeDisconnected"/> and <see cref="EdgeConnectFailed"/> to the handler, the
/// coordinator's messages to the handler with this actor as sender, the handler's messages to the
/// coordinator (or back as <see cref="EdgeUndelivered"/> while there is none). Once this node is
/// up in the cluster it picks a coordinator member (<see cref="CoordinatorChoice"/>), asks its gate
/// (<c>/user/member-helpers</c>) with <see cref="JoinAsHelper"/>, signs the gate's challenge with the
/// helper's key, and from the welcome on talks to the session the gate made for it. When that
/// coordinator leaves the cluster, becomes unreachable, or ends the session, the helper is told it
/// is disconnected and the link moves on to the next coordinator after a short backoff (at once
/// when the coordinator said it is shutting down). Asked to move (<see cref="HelperMove"/>, by
/// its coordinator's balancer), it takes that here, as the edge client does, and joins the
/// coordinator member on the named host next.
/// </summary>
public sealed class ClusterLink : ReceiveActor, IWithTimers
{
    private const string RetryTimer = "retry";
    private const string HandshakeTimer = "handshake";

    private readonly ClusterLinkSettings _settings;
    private readonly IActorRef _handler;
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly HashSet<Address> _coordinators = [];
    private readonly HashSet<Address> _unreachable = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private bool _selfUp;
    private bool _leaving;
    private int _turn;
    private TimeSpan _retryDelay;
    private Address? _target;
    private IActorRef? _session;
    private string? _account;
    private string? _moveToHost;

    public ClusterLink(ClusterLinkSettings settings, IActorRef handler)
    {
        _settings = settings;
        _handler = handler;
        _retryDelay = settings.RetryMin;
        Idle();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ClusterLinkSettings settings, IActorRef handler) =>
        Akka.Actor.Props.Create(() => new ClusterLink(settings, handler));

    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    /// <summary>A helper that stops (drained, or its system ending) says Goodbye after what it sent, as over the edge.</summary>
    protected override void PostStop()
    {
        _session?.Tell(new Goodbye(EdgeCloseCode.Normal, "the helper stopped"), Self);
        _cluster.Unsubscribe(Self);
    }

    /// <summary>No coordinator yet: waiting for this node to be up, for a coordinator, or for the backoff.</summary>
    private void Idle()
    {
        Receive<IEdgeMessage>(_ => Sender.Equals(_handler), message => Sender.Tell(new EdgeUndelivered(message)));
        Receive<Retry>(_ => TryJoin());
        Common();
    }

    private void Joining()
    {
        Receive<IEdgeMessage>(_ => Sender.Equals(_handler), message => Sender.Tell(new EdgeUndelivered(message)));
        Receive<Challenge>(_ => FromTarget(), OnChallenge);
        Receive<Welcome>(_ => FromTarget(), OnWelcome);
        Receive<Goodbye>(_ => FromTarget(), goodbye => Failed(goodbye.Reason, goodbye.Code));
        Receive<HandshakeExpired>(_ => Failed($"its gate did not welcome this helper within {_settings.HandshakeTimeout.TotalSeconds:0} s", null));
        Common();
    }

    private void Connected()
    {
        Receive<IEdgeMessage>(_ => Sender.Equals(_handler), message => _session!.Tell(message, Self));
        Receive<Goodbye>(_ => Sender.Equals(_session), goodbye => Disconnect(goodbye.Reason, goodbye.Code, tellSession: false));
        Receive<HelperMove>(_ => Sender.Equals(_session), OnMove);
        Receive<IEdgeMessage>(_ => Sender.Equals(_session), message => _handler.Tell(message, Self));
        Receive<Terminated>(terminated => terminated.ActorRef.Equals(_session), _ => Disconnect("the coordinator ended this helper's session", null, tellSession: false));
        Receive<GetEdgeStatus>(_ => Sender.Tell(new EdgeStatus(true, AddressOf(_target!), _account, null)));
        Common();
    }

    /// <summary>Membership, and what any state does with a message from a coordinator it is not talking to.</summary>
    private void Common()
    {
        Receive<ClusterEvent.MemberUp>(up => OnUp(up.Member));
        Receive<ClusterEvent.MemberWeaklyUp>(_ => { });
        Receive<ClusterEvent.MemberJoined>(_ => { });
        Receive<ClusterEvent.MemberLeft>(left => OnGone(left.Member, "is leaving the cluster"));
        Receive<ClusterEvent.MemberExited>(exited => OnGone(exited.Member, "left the cluster"));
        Receive<ClusterEvent.MemberRemoved>(removed => OnGone(removed.Member, "was removed from the cluster"));
        Receive<ClusterEvent.MemberDowned>(downed => OnGone(downed.Member, "was downed"));
        Receive<ClusterEvent.UnreachableMember>(OnUnreachable);
        Receive<ClusterEvent.ReachableMember>(reachable =>
        {
            _unreachable.Remove(reachable.Member.Address);
            TryJoin();
        });
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<GetEdgeStatus>(_ => Sender.Tell(new EdgeStatus(false, null, null, null)));
        // A session this helper gave up on (a late welcome, a coordinator it left): it must not count on this helper.
        Receive<IEdgeMessage>(message =>
        {
            if (message is not Goodbye)
            {
                Sender.Tell(new Goodbye(EdgeCloseCode.Normal, "this helper is not working for this coordinator"), Self);
            }
        });
        Receive<Retry>(_ => { });
        Receive<HandshakeExpired>(_ => { });
        Receive<Terminated>(_ => { });
    }

    private void OnUp(Member member)
    {
        if (member.Address.Equals(_cluster.SelfAddress))
        {
            _selfUp = true;
            _log.Info("This helper is up in the cluster as {0}; asking a coordinator for work", member.Address);
        }
        else if (member.HasRole(ClusterNames.CoordinatorRole))
        {
            _coordinators.Add(member.Address);
        }

        TryJoin();
    }

    private void OnGone(Member member, string why)
    {
        if (member.Address.Equals(_cluster.SelfAddress))
        {
            // This helper is leaving (drained already: the drain runs before the cluster leave). As
            // its node goes it sees every other member go too; its session ends when this actor stops
            // (its Goodbye) or when the node is removed (the coordinator watches this actor).
            _selfUp = false;
            _leaving = true;
            return;
        }

        _coordinators.Remove(member.Address);
        _unreachable.Remove(member.Address);
        Lost(member.Address, $"coordinator {member.Address} {why}");
    }

    private void OnUnreachable(ClusterEvent.UnreachableMember unreachable)
    {
        _unreachable.Add(unreachable.Member.Address);
        Lost(unreachable.Member.Address, $"coordinator {unreachable.Member.Address} is unreachable");
    }

    /// <summary>The coordinator this helper asks or works for is gone or out of reach: on to another.</summary>
    private void Lost(Address address, string why)
    {
        if (_leaving || !address.Equals(_target))
        {
            return;
        }

        if (_session is null)
        {
            Failed(why, null);
        }
        else
        {
            Disconnect(why, null, tellSession: true);
        }
    }

    private void TryJoin()
    {
        if (!_selfUp || _target is not null || Timers.IsTimerActive(RetryTimer))
        {
            return;
        }

        var target = CoordinatorChoice.Pick(_coordinators.Where(a => !_unreachable.Contains(a)), _cluster.SelfAddress, _turn, _moveToHost);
        _moveToHost = null;
        if (target is null)
        {
            return;
        }

        _target = target;
        Context.ActorSelection(new RootActorPath(target) / "user" / ClusterNames.GateName).Tell(new JoinAsHelper(EdgeIdentityProof.ProtocolVersion), Self);
        Timers.StartSingleTimer(HandshakeTimer, HandshakeExpired.Instance, _settings.HandshakeTimeout);
        Become(Joining);
    }

    private void OnChallenge(Challenge challenge)
    {
        if (challenge.ProtocolVersion != EdgeIdentityProof.ProtocolVersion || challenge.Nonce is not { Length: EdgeIdentityProof.NonceBytes })
        {
            Sender.Tell(new Goodbye(EdgeCloseCode.UnsupportedVersion, $"this helper speaks protocol version {EdgeIdentityProof.ProtocolVersion} with {EdgeIdentityProof.NonceBytes}-byte nonces"), Self);
            Failed($"coordinator {_target} challenged with protocol version {challenge.ProtocolVersion}", EdgeCloseCode.UnsupportedVersion);
            return;
        }

        Sender.Tell(new Hello(
            EdgeIdentityProof.ProtocolVersion,
            EdgeRole.Helper,
            _settings.Key.ExportSubjectPublicKeyInfo(),
            EdgeIdentityProof.Sign(_settings.Key, EdgeRole.Helper, challenge.Nonce),
            _settings.Name,
            null), Self);
    }

    private void OnWelcome(Welcome welcome)
    {
        Timers.Cancel(HandshakeTimer);
        _session = Context.Watch(Sender);
        _account = welcome.Account;
        _retryDelay = _settings.RetryMin;
        _log.Info("Working for coordinator {0} as account {1}", _target, welcome.Account);
        Become(Connected);
        _handler.Tell(new EdgeConnected(welcome, AddressOf(_target!)), Self);
    }

    /// <summary>The Goodbye that follows ends this session; the next coordinator is the one asked for.</summary>
    private void OnMove(HelperMove move)
    {
        try
        {
            _moveToHost = CoordinatorAddress.Parse(move.Address).Host;
            _log.Info("Coordinator {0} asks this helper to move to the node at {1}", _target, move.Address);
        }
        catch (FormatException)
        {
            _log.Warning("Coordinator {0} asked this helper to move to \"{1}\", which is not host:port; ignored", _target, move.Address);
        }
    }

    private void Failed(string reason, EdgeCloseCode? code)
    {
        _log.Warning("Could not join coordinator {0}: {1}", _target, reason);
        Timers.Cancel(HandshakeTimer);
        _handler.Tell(new EdgeConnectFailed(AddressOf(_target!), reason, code), Self);
        MoveOn(atOnce: false);
    }

    private void Disconnect(string reason, EdgeCloseCode? code, bool tellSession)
    {
        _log.Info("No longer working for coordinator {0}: {1}", _target, reason);
        if (tellSession)
        {
            _session!.Tell(new Goodbye(EdgeCloseCode.Normal, reason), Self);
        }

        Context.Unwatch(_session);
        _session = null;
        _account = null;
        _handler.Tell(new EdgeDisconnected(reason, code), Self);
        MoveOn(atOnce: _moveToHost is not null || code == EdgeCloseCode.ShuttingDown);
    }

    /// <summary>
    /// The next attempt goes to the next coordinator, after a jittered backoff that doubles up to its
    /// maximum, or at once when the coordinator sent this helper on (moved it, or is shutting down).
    /// </summary>
    private void MoveOn(bool atOnce)
    {
        _target = null;
        _turn++;
        Become(Idle);
        var delay = TimeSpan.Zero;
        if (!atOnce)
        {
            delay = _retryDelay * (0.5 + (Random.Shared.NextDouble() * 0.5));
            _retryDelay = _retryDelay * 2 > _settings.RetryMax ? _settings.RetryMax : _retryDelay * 2;
        }

        Timers.StartSingleTimer(RetryTimer, Retry.Instance, delay);
    }

    private bool FromTarget() => Sender.Path.Address.Equals(_target);

    private static CoordinatorAddress AddressOf(Address address) => new(address.Host ?? "", address.Port ?? 0);

    private sealed class Retry
    {
        public static readonly Retry Instance = new();
    }

    private sealed class HandshakeExpired
    {
        public static readonly HandshakeExpired Instance = new();
    }
}
