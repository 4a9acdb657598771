using System.Net;
using System.Security.Cryptography;
using Akka.Actor;
using Akka.Event;
using P2C2R.Coordinator.Edge;
using P2C2R.Edge.Server;
using P2C2R.Membership;
using P2C2R.Protocol;
using P2C2R.Protocol.Contracts;
using P2C2R.Protocol.Identity;

namespace P2C2R.Coordinator.Members;

/// <summary>
/// One member helper on this coordinator node, from its request to its end. First the edge's
/// handshake over Akka.Remote: a fresh nonce in a <see cref="Challenge"/>, one <see cref="Hello"/>
/// whose signature <see cref="EdgeIdentityProof"/> checks and whose key gives the account. Then a
/// child <see cref="HelperConnection"/> over a <see cref="MemberOutbound"/>, exactly as the edge
/// makes one for a socket, with the address of the helper's cluster member as its observed
/// address (the cluster is a private network of the operator's machines, so that address is the
/// machine's). Inbound messages pass the edge's filter for the helper role and reach the
/// connection with no sender, as from a socket. The helper's link actor is watched: its stop, or
/// its node downed or gone, ends the session, and the session's end stops the connection, which
/// the registry takes as the helper's departure.
/// </summary>
public sealed class MemberHelperSession : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(5);
    private const int MaxNameChars = 128;

    private readonly IActorRef _link;
    private readonly IActorRef _registry;
    private readonly long _id;
    private readonly int _protocolVersion;
    private readonly byte[] _nonce = RandomNumberGenerator.GetBytes(EdgeIdentityProof.NonceBytes);
    private readonly MemberOutbound _outbound;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IPEndPoint? _remote;
    private EdgePeer? _peer;
    private IActorRef _connection = ActorRefs.Nobody;

    public MemberHelperSession(IActorRef link, IActorRef registry, long id, int protocolVersion)
    {
        _link = link;
        _registry = registry;
        _id = id;
        _protocolVersion = protocolVersion;
        _outbound = new MemberOutbound(link, Self);
        Resolving();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef link, IActorRef registry, long id, int protocolVersion) =>
        Akka.Actor.Props.Create(() => new MemberHelperSession(link, registry, id, protocolVersion));

    protected override void PreStart()
    {
        Context.Watch(_link);
        Timers.StartSingleTimer(nameof(HandshakeExpired), HandshakeExpired.Instance, HandshakeTimeout);
        if (_protocolVersion != EdgeIdentityProof.ProtocolVersion)
        {
            Refuse(EdgeCloseCode.UnsupportedVersion, $"protocol version {_protocolVersion} is not supported; this coordinator speaks {EdgeIdentityProof.ProtocolVersion}");
            return;
        }

        var address = _link.Path.Address;
        var port = address.Port ?? 0;
        if (IPAddress.TryParse(address.Host, out var ip))
        {
            Self.Tell(new Resolved(new IPEndPoint(Unmapped(ip), port)));
            return;
        }

        Dns.GetHostAddressesAsync(address.Host ?? "").PipeTo(
            Self,
            success: found => new Resolved(found.Length > 0 ? new IPEndPoint(Unmapped(found[0]), port) : null),
            failure: _ => new Resolved(null));
    }

    /// <summary>Until the helper's host is known as an address, which its replica placement needs.</summary>
    private void Resolving()
    {
        Receive<Resolved>(resolved =>
        {
            if (resolved.Remote is null)
            {
                Refuse(EdgeCloseCode.AdmissionRefused, $"the coordinator cannot resolve {_link.Path.Address.Host}");
                return;
            }

            _remote = resolved.Remote;
            _link.Tell(new Challenge(EdgeIdentityProof.ProtocolVersion, _nonce, Context.System.Name), Self);
            Become(AwaitingHello);
        });
        Handshaking();
    }

    private void AwaitingHello()
    {
        Receive<Hello>(_ => Sender.Equals(_link), OnHello);
        Handshaking();
    }

    private void Handshaking()
    {
        Receive<HandshakeExpired>(_ => Refuse(EdgeCloseCode.HandshakeTimeout, $"no hello within {HandshakeTimeout.TotalMilliseconds} ms"));
        Receive<Goodbye>(_ => Sender.Equals(_link), goodbye => Gone($"said goodbye during the handshake: {goodbye.Code} {goodbye.Reason}"));
        Receive<Terminated>(terminated => terminated.ActorRef.Equals(_link), _ => Gone("stopped during the handshake"));
    }

    private void OnHello(Hello hello)
    {
        if (hello.ProtocolVersion != EdgeIdentityProof.ProtocolVersion)
        {
            Refuse(EdgeCloseCode.UnsupportedVersion, $"protocol version {hello.ProtocolVersion} is not supported; this coordinator speaks {EdgeIdentityProof.ProtocolVersion}");
        }
        else if (hello.Role != EdgeRole.Helper)
        {
            Refuse(EdgeCloseCode.NotAllowedForRole, "a cluster member joins as a helper only");
        }
        else if (string.IsNullOrWhiteSpace(hello.Name) || hello.Name.Length > MaxNameChars)
        {
            Refuse(EdgeCloseCode.MalformedFrame, $"a name must have 1 to {MaxNameChars} characters");
        }
        else if (!EdgeIdentityProof.TryVerify(hello, _nonce, out var account))
        {
            Refuse(EdgeCloseCode.BadSignature, "the signature does not prove the key");
        }
        else
        {
            Connect(new EdgePeer(account, EdgeRole.Helper, hello.Name, _remote!, _id));
        }
    }

    private void Connect(EdgePeer peer)
    {
        Timers.Cancel(nameof(HandshakeExpired));
        _peer = peer;
        _connection = Context.Watch(Context.ActorOf(Akka.Actor.Props.Create(() => new HelperConnection(peer, _outbound, _registry)), "connection"));
        _link.Tell(new Welcome(peer.Account, 0, (int)ClusterMembership.MaxMessageBytes), Self);
        _log.Info("Member helper {0} of account {1} at {2} joined", peer.Name, peer.Account, _link.Path.Address);
        Become(Connected);
    }

    private void Connected()
    {
        Receive<IEdgeMessage>(_ => Sender.Equals(_link), Inbound);
        Receive<MemberClosed>(_ => Context.Stop(Self));
        Receive<Terminated>(terminated => terminated.ActorRef.Equals(_link), _ => Gone("stopped, or its node left the cluster"));
        Receive<Terminated>(terminated => terminated.ActorRef.Equals(_connection), _ => Finish(EdgeCloseCode.Normal, "the coordinator closed the connection"));
    }

    /// <summary>What the edge lets a helper send, as the edge hands it on; anything else ends the member.</summary>
    private void Inbound(IEdgeMessage message)
    {
        switch (message)
        {
            case Goodbye goodbye:
                Gone($"said goodbye: {goodbye.Code} {goodbye.Reason}");
                return;
            case Ping ping:
                _outbound.TrySend(new Pong(ping.Sequence, ping.SentMicros));
                return;
            case Pong:
                return;
            case Hello:
                Finish(EdgeCloseCode.NotAllowedForRole, "a helper says hello once");
                return;
        }

        if (EdgeMessageTable.TryGet(message.GetType(), out var type) && type.MaySend(EdgeRole.Helper))
        {
            _connection.Tell(message, ActorRefs.NoSender);
        }
        else
        {
            Finish(EdgeCloseCode.NotAllowedForRole, $"a helper may not send {message.GetType().Name}");
        }
    }

    /// <summary>Ends the handshake with a Goodbye saying why.</summary>
    private void Refuse(EdgeCloseCode code, string reason)
    {
        _log.Warning("Member helper at {0} refused: {1} {2}", _link.Path.Address, code, reason);
        Finish(code, reason);
    }

    /// <summary>Says Goodbye (unless the connection already did) and stops, with the connection.</summary>
    private void Finish(EdgeCloseCode code, string reason)
    {
        if (_outbound.Shut())
        {
            _link.Tell(new Goodbye(code, reason), Self);
        }

        Context.Stop(Self);
    }

    /// <summary>The helper went away: nothing more is sent to it.</summary>
    private void Gone(string why)
    {
        _outbound.Shut();
        _log.Info("Member helper {0} at {1} {2}", _peer?.Name ?? "(unproven)", _link.Path.Address, why);
        Context.Stop(Self);
    }

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private sealed record Resolved(IPEndPoint? Remote);

    private sealed class HandshakeExpired
    {
        public static readonly HandshakeExpired Instance = new();
    }
}
