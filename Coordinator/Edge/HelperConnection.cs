using Akka.Actor;
using Akka.Event;
using P2C2R.Coordinator.Balancing;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Web.Login;
using P2C2R.Edge.Server;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Edge;

/// <summary>
/// One helper's connection, as the coordinator's actors see the helper: the registry learns of it
/// from <see cref="HelperJoined"/> and watches it, the scheduler tells it <see cref="AssignTask"/>
/// as it would any actor. A result goes back to whoever assigned its task, and only while that
/// task is outstanding on this connection: a helper cannot answer a task it was never given, nor
/// twice, and a result later than its deadline (plus a grace for the wire) is dropped here, as
/// PROTOCOL.md says late results are. Blobs the assigner sends pass through before the task
/// that names them, in order. Asked by its node's <see cref="HelperBalancer"/> to move the helper
/// (<see cref="MoveHelper"/>), it tells the helper where (<c>helper.move</c>) and closes with
/// Goodbye 0 once that has gone out; the registry then takes the helper out as it does any that
/// leaves, and the tasks it held fall back. A <see cref="WebLoginRequest"/> is answered with a
/// one-time link to the helper's own web page.
/// </summary>
public sealed class HelperConnection : EdgeConnectionActor
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LateGrace = TimeSpan.FromSeconds(1);
    private readonly Dictionary<long, Outstanding> _outstanding = [];
    private readonly IActorRef _registry;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private bool _registered;
    private IActorRef? _assigner;

    public HelperConnection(EdgePeer peer, IEdgeOutbound outbound, IActorRef registry, LoginLinks? links = null) : base(peer, outbound)
    {
        _registry = registry;
        Receive<WebLoginRequest>(_ => Send(LoginLinks.Answer(links, Peer)));
        Receive<RegisterHelper>(OnRegister);
        Receive<HelperLoad>(load => _registry.Tell(load, Self));
        Receive<TaskResult>(OnResult);
        Receive<BlobRequest>(OnBlobRequest);
        Receive<AssignTask>(OnAssign);
        Receive<BlobData>(blob => Send(blob));
        Receive<HelperAccepted>(accepted => Send(accepted));
        Receive<HelperRefused>(refused => Close(EdgeCloseCode.AdmissionRefused, refused.Reason));
        Receive<CreditUpdate>(update => Send(update));
        Receive<MoveHelper>(move =>
        {
            _log.Info("Helper {0} is asked to move to {1}", Peer.Name, move.EdgeAddress);
            Send(new HelperMove(move.EdgeAddress));
            Close(EdgeCloseCode.Normal, "moved to " + move.EdgeAddress);
        });
        Receive<Sweep>(_ => DropExpired());
    }

    protected override void PreStart()
    {
        base.PreStart();
        Timers.StartPeriodicTimer(nameof(Sweep), Sweep.Instance, SweepInterval);
    }

    private void OnRegister(RegisterHelper register)
    {
        if (_registered)
        {
            Close(EdgeCloseCode.NotAllowedForRole, "a helper registers once per connection");
            return;
        }

        _registered = true;
        _registry.Tell(new HelperJoined(Self, Peer.Account, Peer.Remote.Address, register.Capabilities), Self);
    }

    private void OnAssign(AssignTask task)
    {
        var expires = DateTime.UtcNow.AddMilliseconds(task.DeadlineMs) + LateGrace;
        _outstanding[task.TaskId] = new Outstanding(Sender, expires);
        _assigner = Sender;
        Send(task);
    }

    /// <summary>
    /// A helper lacking a blob a task named asks for it; whoever assigns its tasks holds the blobs
    /// those name. A helper with nothing outstanding has no reason to ask.
    /// </summary>
    private void OnBlobRequest(BlobRequest request)
    {
        if (_outstanding.Count == 0 || _assigner is null)
        {
            _log.Warning("Helper {0} asked for {1} blobs with no task outstanding", Peer.Name, request.Digests.Length);
            return;
        }

        _assigner.Tell(request, Self);
    }

    private void OnResult(TaskResult result)
    {
        if (_outstanding.Remove(result.TaskId, out var outstanding))
        {
            outstanding.Owner.Tell(result, Self);
        }
    }

    private void DropExpired()
    {
        if (_outstanding.Count == 0)
        {
            return;
        }

        var now = DateTime.UtcNow;
        foreach (var (id, outstanding) in _outstanding)
        {
            if (outstanding.Expires < now)
            {
                _outstanding.Remove(id);
            }
        }
    }

    private readonly record struct Outstanding(IActorRef Owner, DateTime Expires);

    private sealed class Sweep
    {
        public static readonly Sweep Instance = new();
    }
}
