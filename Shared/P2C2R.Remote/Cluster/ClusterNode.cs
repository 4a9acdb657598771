using Microsoft.Extensions.Logging;
using P2C2R.Actors;
using P2C2R.Hocon;

namespace P2C2R.Remote.Cluster;

/// <summary>
/// Cluster membership for one actor system, on top of its <see cref="RemoteTransport"/>. A system
/// with no seed nodes, or listing itself first, leads: it starts the cluster and admits the
/// others. Today one coordinator leads; the view carries the leader's uid and a version so a
/// later design with several coordinators can order views the same way.
/// </summary>
public sealed class ClusterNode
{
    private volatile IReadOnlyList<Member> _members = [];

    private ClusterNode(RemoteTransport transport, ClusterSettings settings)
    {
        Transport = transport;
        Settings = settings;
        Log = transport.System.LoggerFactory.CreateLogger("P2C2R.Cluster");
        IsLeader = settings.SeedNodes.Count == 0 || settings.SeedNodes[0] == transport.Address;
    }

    public RemoteTransport Transport { get; }
    public ClusterSettings Settings { get; }
    public bool IsLeader { get; }
    public Address SelfAddress => Transport.Address;

    /// <summary>The latest membership view this system holds.</summary>
    public IReadOnlyList<Member> Members => _members;

    internal ILogger Log { get; }

    internal IActorRef Core { get; private set; } = null!;

    /// <summary>Starts membership on a system whose remoting is running; joins the seed nodes unless it leads.</summary>
    public static ClusterNode Start(ActorSystem system, Config? config = null)
    {
        var transport = RemoteTransport.Get(system);
        var created = false;
        var node = system.GetOrAddExtension(_ =>
        {
            created = true;
            return new ClusterNode(transport, new ClusterSettings(config ?? system.Settings.Config));
        });
        if (created)
        {
            node.Core = system.SystemActorOf(Props.Create(() => new ClusterCoreActor(node)), "cluster");
            system.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "cluster-leave", node.LeaveOnShutdownAsync);
        }

        return node;
    }

    public static ClusterNode Get(ActorSystem system) =>
        system.GetExtension<ClusterNode>() ?? throw new InvalidOperationException($"the cluster was not started on actor system {system.Name}");

    /// <summary>Subscribes to membership events; the subscriber first gets a <see cref="CurrentClusterState"/>.</summary>
    public void Subscribe(IActorRef subscriber)
    {
        Transport.System.EventStream.Subscribe(subscriber, typeof(ClusterEvent));
        Core.Tell(new SendCurrentState(subscriber), null);
    }

    public void Unsubscribe(IActorRef subscriber) => Transport.System.EventStream.Unsubscribe(subscriber, typeof(ClusterEvent));

    /// <summary>Leaves gracefully: the leader moves this member through Leaving and Exiting to Removed.</summary>
    public void Leave() => Core.Tell(LeaveSelf.Instance, null);

    /// <summary>Leader only: marks a member down and removes it now.</summary>
    public void Down(Address address) => Core.Tell(new DownMember(address), null);

    internal void OnView(IReadOnlyList<Member> members) => _members = members;

    private async Task LeaveOnShutdownAsync(CancellationToken cancellation)
    {
        if (IsLeader || !_members.Any(m => m.Address == SelfAddress && m.Status == MemberStatus.Up))
        {
            return;
        }

        Leave();
        var deadline = Task.Delay(Settings.RetryJoinInterval, cancellation);
        while (!deadline.IsCompleted && _members.Any(m => m.Address == SelfAddress))
        {
            await Task.WhenAny(deadline, Task.Delay(20, cancellation)).ConfigureAwait(false);
        }
    }
}
