using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using P2C2R.Actors;
using P2C2R.Hocon;
using P2C2R.Remote.Serialization;
using P2C2R.Remote.Transport;

namespace P2C2R.Remote;

/// <summary>
/// Remoting for one actor system: the listening socket (optional), the associations to other
/// systems, the handshake, heartbeats and failure detection. Start it once per system; refs to
/// other systems then behave like local ones. Everything it starts stops in coordinated shutdown.
/// </summary>
public sealed partial class RemoteTransport
{
    private readonly ConcurrentDictionary<Address, Association> _associations = new();
    private readonly ConditionalWeakTable<ActorRefBase, byte[]> _localWireForms = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private readonly TlsStreams _tls;
    private readonly ActorPath _localRoot;
    private readonly string _addressPrefix;
    private Socket? _listener;

    private RemoteTransport(ActorSystem system, MessageRegistry registry, RemoteSettings settings)
    {
        System = system;
        Registry = registry;
        Settings = settings;
        Log = system.LoggerFactory.CreateLogger("P2C2R.Remote");
        _tls = new TlsStreams(settings.Tls, Log);
        _localRoot = ActorPath.Root($"p2c2r://{system.Name}");
        Watcher = new RemoteWatcher();
        var port = settings.Port;
        if (settings.Listen)
        {
            _listener = Bind(settings.BindHostname, settings.BindPort);
            port = port != 0 ? port : ((IPEndPoint)_listener.LocalEndPoint!).Port;
        }

        Address = new Address(system.Name, settings.Hostname, port);
        _addressPrefix = Address.ToString();
    }

    public ActorSystem System { get; }

    /// <summary>This system's advertised address (what others dial and what its refs carry).</summary>
    public Address Address { get; }

    /// <summary>Where the listener is bound, which differs from <see cref="Address"/> behind NAT.</summary>
    public EndPoint? BoundEndpoint => _listener?.LocalEndPoint;

    public RemoteSettings Settings { get; }

    public MessageRegistry Registry { get; }

    internal ILogger Log { get; }

    internal CancellationToken Stopping => _stopping.Token;

    internal RemoteWatcher Watcher { get; }

    /// <summary>Starts remoting on <paramref name="system"/> with settings from its config (or <paramref name="config"/>).</summary>
    public static RemoteTransport Start(ActorSystem system, MessageRegistry registry, Config? config = null)
    {
        var settings = new RemoteSettings(config ?? system.Settings.Config);
        var created = false;
        var transport = system.GetOrAddExtension(s =>
        {
            created = true;
            return new RemoteTransport(s, registry, settings);
        });
        if (created)
        {
            transport.Run();
        }

        return transport;
    }

    /// <summary>The transport started on <paramref name="system"/>.</summary>
    public static RemoteTransport Get(ActorSystem system) =>
        system.GetExtension<RemoteTransport>() ?? throw new InvalidOperationException($"remoting was not started on actor system {system.Name}");

    /// <summary>A ref from its full path (<c>p2c2r.tcp://system@host:port/user/a</c>): local when the address is this system's.</summary>
    public IActorRef ResolveRef(string path)
    {
        var remotePath = RemotePath.Parse(path);
        if (remotePath.Address == Address)
        {
            return System.ResolveLocal(remotePath.Elements) ?? (IActorRef)new MissingActorRef(System, LocalPath(remotePath.Elements), remotePath.Uid);
        }

        return new RemoteActorRef(this, remotePath, 0);
    }

    /// <summary>The wire form of one of this system's refs, as it is sent to others.</summary>
    public string WireForm(IActorRef actor) => actor is RemoteActorRef remote
        ? remote.RemotePath.ToString()
        : Encoding.UTF8.GetString(LocalWireUtf8((ActorRefBase)actor));

    /// <summary>Systems connected right now.</summary>
    public IReadOnlyList<Address> ConnectedSystems => [.. _associations.Values.Where(a => a.IsConnected).Select(a => a.RemoteAddress)];

    /// <summary>The failure detector's suspicion of a system; 0 when it was never heard from.</summary>
    public double Phi(Address remote) => _associations.TryGetValue(remote, out var association) ? association.Phi() : 0;

    /// <summary>Frames sent to a system and the sends (flushes) that carried them.</summary>
    public (long Frames, long Flushes) WriteStatistics(Address remote) =>
        _associations.TryGetValue(remote, out var association) ? association.WriteStatistics : (0, 0);

    internal Association AssociationFor(Address remote)
    {
        if (_associations.TryGetValue(remote, out var existing))
        {
            return existing;
        }

        var created = new Association(this, remote);
        var association = _associations.GetOrAdd(remote, created);
        if (ReferenceEquals(association, created))
        {
            Track(created.RunAsync(_stopping.Token));
        }

        return association;
    }

    internal int AssociationCount => _associations.Count;

    /// <summary>Drops a retired association; a later send to its address creates a new one.</summary>
    internal void Forget(Association association) =>
        _associations.TryRemove(KeyValuePair.Create(association.RemoteAddress, association));

    internal byte[] LocalWireUtf8(ActorRefBase actor) =>
        _localWireForms.GetValue(actor, a =>
        {
            if (a is PromiseActorRef promise)
            {
                System.ExposeTemp(promise);
            }

            var uid = a.Uid == 0 ? "" : "#" + a.Uid.ToString(global::System.Globalization.CultureInfo.InvariantCulture);
            return Encoding.UTF8.GetBytes(_addressPrefix + a.Path.Elements + uid);
        });

    internal ActorPath LocalPath(string elements)
    {
        var path = _localRoot;
        foreach (var name in elements.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path = path.Child(name);
        }

        return path;
    }

    internal void OnDisconnected(Association association, string reason)
    {
        if (!_stopping.IsCancellationRequested)
        {
            System.EventStream.Publish(new Disassociated(association.RemoteAddress, association.RemoteUid, reason));
        }
    }

    internal void OnIncarnationReplaced(Association association, long oldUid, long newUid)
    {
        Log.LogInformation("{Remote} restarted: incarnation {Old} replaced by {New}", association.RemoteAddress, oldUid, newUid);
        Watcher.AddressTerminated(association.RemoteAddress, oldUid);
        System.EventStream.Publish(new IncarnationReplaced(association.RemoteAddress, oldUid, newUid));
    }

    /// <summary>
    /// The remote system said it is shutting down: every actor of that incarnation is gone, so
    /// its watchers hear it now rather than when the failure detector gives up on the silence.
    /// </summary>
    internal void OnRemoteShutdown(Association association)
    {
        Log.LogInformation("{Remote} is shutting down", association.RemoteAddress);
        Watcher.AddressTerminated(association.RemoteAddress, association.RemoteUid);
        System.EventStream.Publish(new RemoteShutdown(association.RemoteAddress, association.RemoteUid));
    }

    internal void OnReachabilityChanged(Association association, bool reachable)
    {
        if (reachable)
        {
            Log.LogInformation("{Remote} is reachable again", association.RemoteAddress);
            System.EventStream.Publish(new RemoteReachable(association.RemoteAddress, association.RemoteUid));
            return;
        }

        Log.LogWarning("{Remote} is unreachable (phi {Phi:0.0} over {Threshold})", association.RemoteAddress, association.Phi(), Settings.FailureDetector.Threshold);
        Watcher.AddressTerminated(association.RemoteAddress, association.RemoteUid);
        System.EventStream.Publish(new RemoteUnreachable(association.RemoteAddress, association.RemoteUid));
    }

    private HandshakeInfo LocalHandshake() =>
        new(HandshakeInfo.CurrentProtocolVersion, System.Name, System.Uid, Address, Settings.Role, Settings.AuthToken);

    private bool TokenMatches(string token) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(Settings.AuthToken));

    private void Track(Task loop)
    {
        lock (_loops)
        {
            _loops.RemoveAll(t => t.IsCompleted);
            _loops.Add(loop);
        }
    }
}
