using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using P2C2R.Actors;
using P2C2R.Remote.FailureDetection;
using P2C2R.Remote.Serialization;
using P2C2R.Remote.Transport;

namespace P2C2R.Remote;

/// <summary>
/// Everything this system knows about one other system: the single connection to it (whichever
/// side dialled), the outbound queues, the remote incarnation and its failure detector.
/// Messages queue here, not on a connection, so a reconnect loses only what was already on a
/// dead socket. One writer loop per association serializes and sends: control traffic
/// (heartbeats, DeathWatch) first, large messages in fragments with small ones between them.
/// </summary>
internal sealed partial class Association
{
    private const int BatchMessages = 512;
    private const int ControlCheckEvery = 64;
    private const int BulkFragmentsPerBatch = 8;
    private static readonly TimeSpan RetiredGrace = TimeSpan.FromSeconds(2);

    private readonly RemoteTransport _transport;
    private readonly ConcurrentQueue<OutboundEnvelope> _control = new();
    private readonly ConcurrentQueue<OutboundEnvelope> _user = new();
    private readonly ConcurrentQueue<OutboundEnvelope> _bulk = new();
    private readonly Channel<byte> _wake = Channel.CreateUnbounded<byte>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly ArrayBufferWriter<byte> _scratch = new(4096);
    private readonly Queue<(byte[] Buffer, int Length)> _largeWaiting = new();
    private readonly PhiAccrualFailureDetector _detector;
    private readonly ILogger _log;
    private int _wakeRequested;
    private int _userCount;
    private Connection? _connection;
    private byte[]? _large;
    private int _largeLength;
    private int _largeOffset;
    private ulong _nextFragmentId;
    private bool _unreachable;
    private bool _closeAfterFlush;
    private bool _restricted;
    private bool _retired;
    private long _remoteUid;
    private long _framesWritten;
    private long _flushes;

    public Association(RemoteTransport transport, Address remoteAddress)
    {
        _transport = transport;
        RemoteAddress = remoteAddress;
        Context = new AssociationWireContext(transport, this);
        _detector = new PhiAccrualFailureDetector(transport.Settings.FailureDetector);
        _log = transport.Log;
        Recipients = new RecipientCache(transport);
    }

    public Address RemoteAddress { get; }

    /// <summary>The remote system's uid from its last handshake; 0 before the first.</summary>
    public long RemoteUid => Volatile.Read(ref _remoteUid);

    public string RemoteRole { get; private set; } = "";

    public AssociationWireContext Context { get; }

    /// <summary>Frames and flushes (one send each) by the writer loop, for batching figures.</summary>
    public (long Frames, long Flushes) WriteStatistics => (Volatile.Read(ref _framesWritten), Volatile.Read(ref _flushes));

    /// <summary>Drops the current connection as a network failure or a crash would, with no goodbye.</summary>
    internal void DropConnection() => Volatile.Read(ref _connection)?.Close("dropped", error: false);

    public bool IsConnected => Volatile.Read(ref _connection) is { IsClosed: false };

    private RecipientCache Recipients { get; }

    private bool HasOutbound => !_control.IsEmpty || !_user.IsEmpty || !_bulk.IsEmpty;

    /// <summary>
    /// True once this association was retired for idleness; its successor (a new association for
    /// the same address) takes everything sent here from then on.
    /// </summary>
    public bool IsRetired => Volatile.Read(ref _retired);

    public void Send(in OutboundEnvelope envelope)
    {
        if (IsRetired)
        {
            _transport.AssociationFor(RemoteAddress).Send(envelope);
            return;
        }

        if (envelope.Kind != EnvelopeKind.User)
        {
            _control.Enqueue(envelope);
            Wake();
            ForwardIfRetired();
            return;
        }

        if (!_transport.Registry.TryGet(envelope.Message.GetType(), out var type))
        {
            _log.LogError("Cannot send {MessageType} to {Recipient}: the type is not registered for remoting", envelope.Message.GetType().Name, envelope.Recipient!.Path);
            DeadLetter(envelope, "message type not registered for remoting");
            return;
        }

        if (Interlocked.Increment(ref _userCount) > _transport.Settings.OutboundQueueCapacity)
        {
            Interlocked.Decrement(ref _userCount);
            DeadLetter(envelope, $"the outbound queue to {RemoteAddress} is full");
            return;
        }

        (type.Lane == MessageLane.Bulk ? _bulk : _user).Enqueue(envelope.WithType(type));
        Wake();
        ForwardIfRetired();
    }

    /// <summary>Tells the other side why this side is going away, then closes the connection.</summary>
    public void Disassociate(string reason)
    {
        if (IsConnected)
        {
            Send(new OutboundEnvelope(reason, null, null, EnvelopeKind.Disassociate));
        }
        else
        {
            Wake();
        }
    }

    public void SendHeartbeat()
    {
        if (IsConnected)
        {
            Send(OutboundEnvelope.Heartbeat);
        }
    }

    /// <summary>
    /// Adopts a connection whose handshake succeeded, writing the listening side's
    /// <paramref name="acknowledgement"/> ahead of anything the writer sends. Returns false when it
    /// loses the tie-break
    /// against a live connection (both sides dialled at once): the connection dialled by the
    /// system with the smaller address survives, on both sides alike.
    /// </summary>
    public AttachResult Attach(Connection connection, HandshakeInfo remote, ReadOnlySpan<byte> acknowledgement = default)
    {
        long replacedUid = 0;
        Connection? replaced = null;
        lock (_gate)
        {
            if (_retired)
            {
                return AttachResult.Retired;
            }

            var current = _connection is { IsClosed: false } live ? live : null;
            if (_remoteUid != 0 && remote.Uid != _remoteUid)
            {
                replacedUid = _remoteUid;
                replaced = current;
                Context.Clear();
                Recipients.Clear();
                _detector.Reset();
            }
            else if (current is not null)
            {
                if (!PrefersNew(current, connection))
                {
                    return AttachResult.LostTieBreak;
                }

                replaced = current;
            }

            if (!acknowledgement.IsEmpty && !connection.SendImmediately(FrameKind.AssociateAck, acknowledgement))
            {
                return AttachResult.LostTieBreak;
            }

            _connection = connection;
            Volatile.Write(ref _remoteUid, remote.Uid);
            RemoteRole = remote.Role;
            _restricted = _transport.Settings.Permissions.IsRestricted(remote.Role);
            _unreachable = false;
            _detector.Heartbeat();
        }

        if (replacedUid != 0)
        {
            replaced?.Close("the remote system restarted under a new uid", error: false);
        }
        else if (replaced is not null)
        {
            Retire(replaced);
        }
        if (replacedUid != 0)
        {
            _transport.OnIncarnationReplaced(this, replacedUid, remote.Uid);
        }

        connection.Closed.ContinueWith(static (_, state) => ((Association)state!).Wake(), this, TaskScheduler.Default);
        Wake();
        return AttachResult.Attached;
    }

    /// <summary>
    /// Stops writing to a connection that lost the tie-break but keeps reading it for a grace
    /// period: the other side may have sent on it before it learnt which connection wins.
    /// </summary>
    public void Retire(Connection connection)
    {
        Task.Delay(RetiredGrace, _transport.Stopping).ContinueWith(
            static (_, state) => ((Connection)state!).Close("duplicate connection retired", error: false),
            connection,
            TaskScheduler.Default);
    }

    private bool PrefersNew(Connection current, Connection candidate)
    {
        if (current.Inbound == candidate.Inbound)
        {
            return true;
        }

        var localDials = string.CompareOrdinal(_transport.Address.ToString(), RemoteAddress.ToString()) < 0;
        return candidate.Inbound != localDials;
    }

    private void DropControlTraffic()
    {
        while (_control.TryPeek(out var head) && head.Kind == EnvelopeKind.Heartbeat)
        {
            _control.TryDequeue(out _);
        }
    }

    private void DeadLetter(in OutboundEnvelope envelope, string reason)
    {
        if (envelope.Kind == EnvelopeKind.User && envelope.Recipient is { } recipient)
        {
            _transport.System.DeadLetterOffice.Publish(envelope.Message, envelope.Sender, recipient, reason);
        }
    }
}

/// <summary>What became of a connection offered to an association.</summary>
internal enum AttachResult
{
    Attached,
    LostTieBreak,
    Retired,
}
