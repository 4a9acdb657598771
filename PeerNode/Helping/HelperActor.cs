using Microsoft.Extensions.Logging;
using P2C2R.Actors;
using P2C2R.Protocol;
using P2C2R.Remote;
using P2C2R.Sandbox;

namespace P2C2R.PeerNode.Helping;

/// <summary>
/// A helper's agent (<c>/user/helper</c>). It registers with the coordinator's registry until
/// accepted (and again whenever the coordinator goes away), runs assigned tasks through its
/// <see cref="ITaskRunner"/> up to its concurrency (queueing the rest, dropping those whose
/// deadline passed in the queue), answers each with a <see cref="TaskResult"/>, reports its
/// load every second. Asked to <see cref="Drain"/> (Ctrl+C), it hands back what is queued and
/// anything assigned after, finishes what is running, and says <see cref="Drained"/>; on stop it
/// hands back whatever it still holds.
/// </summary>
public sealed class HelperActor : ReceiveActor, IWithTimers
{
    private readonly string _registryPath;
    private readonly HelperCapabilities _capabilities;
    private readonly ITaskRunner _runner;
    private readonly Queue<(AssignTask Task, IActorRef ReplyTo, DateTime Received)> _queue = new();
    private readonly Dictionary<long, IActorRef> _running = [];
    private readonly CancellationTokenSource _stopping = new();
    private IActorRef? _registry;
    private long _done;
    private CreditUpdate _credit = new(0, 0, 0);
    private IActorRef? _drainRequester;
    private bool _draining;
    private long _helperId;

    public HelperActor(string registryPath, HelperCapabilities capabilities, ITaskRunner runner)
    {
        _registryPath = registryPath;
        _capabilities = capabilities;
        _runner = runner;
        Receive<RegisterDue>(_ =>
        {
            if (!_draining)
            {
                Register();
            }
        });
        Receive<Drain>(_ =>
        {
            _draining = true;
            _drainRequester = Sender;
            while (_queue.TryDequeue(out var queued))
            {
                queued.ReplyTo.Tell(new TaskResult(queued.Task.TaskId, TaskResultStatus.HandedBack, null, "the helper is draining", 0), Self);
            }

            Log.LogInformation("Draining: {Running} running tasks to finish, queued ones handed back", _running.Count);
            ReplyIfDrained();
        });
        Receive<HelperAccepted>(accepted =>
        {
            _registry = Sender;
            _helperId = accepted.HelperId;
            _credit = _credit with { Credits = accepted.Credits };
            Context.Watch(Sender);
            Log.LogInformation("Accepted by the coordinator as helper #{Id} holding {Credits} credits", accepted.HelperId, accepted.Credits);
        });
        Receive<Terminated>(terminated =>
        {
            if (terminated.ActorRef.Equals(_registry))
            {
                _registry = null;
                Log.LogWarning("The coordinator is gone; registering again when it is back");
            }
        });
        Receive<AssignTask>(task =>
        {
            if (_draining)
            {
                Sender.Tell(new TaskResult(task.TaskId, TaskResultStatus.HandedBack, null, "the helper is draining", 0), Self);
                return;
            }

            _queue.Enqueue((task, Sender, DateTime.UtcNow));
            StartQueued();
        });
        Receive<TaskFinished>(OnFinished);
        Receive<CreditUpdate>(credit => _credit = credit);
        Receive<LoadDue>(_ =>
        {
            _registry?.Tell(new HelperLoad(_running.Count + _queue.Count, _capabilities.Concurrency), Self);
            Context.System.EventStream.Publish(new HelperStatus(_capabilities.Name, _helperId, _done, _credit.Validated, _credit.Rejected, _credit.Credits,
                _running.Count, _queue.Count, _capabilities.Concurrency, _draining));
        });
        Receive<PanelDue>(_ => Log.LogInformation("tasks done {Done}, validated {Validated}, rejected {Rejected}, credits {Credits}, load {Active}/{Capacity}",
            _done, _credit.Validated, _credit.Rejected, _credit.Credits, _running.Count, _capabilities.Concurrency));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        Register();
        Timers.StartPeriodicTimer("register", new RegisterDue(), TimeSpan.FromSeconds(1));
        Timers.StartPeriodicTimer("load", new LoadDue(), TimeSpan.FromSeconds(1));
        Timers.StartPeriodicTimer("panel", new PanelDue(), TimeSpan.FromSeconds(5));
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        foreach (var (task, replyTo) in _running.Select(r => (r.Key, r.Value)).ToArray())
        {
            replyTo.Tell(new TaskResult(task, TaskResultStatus.HandedBack, null, "the helper is stopping", 0), Self);
        }

        while (_queue.TryDequeue(out var queued))
        {
            queued.ReplyTo.Tell(new TaskResult(queued.Task.TaskId, TaskResultStatus.HandedBack, null, "the helper is stopping", 0), Self);
        }

        _stopping.Dispose();
    }

    /// <summary>
    /// Registration doubles as a slow heartbeat, sent every second whether or not the helper is
    /// accepted: a coordinator that wrongly took this helper for dead (a long pause on a loaded
    /// machine) gets it back within a second, and the registry ignores a repeat it already holds.
    /// </summary>
    private void Register() =>
        RemoteTransport.Get(Context.System).ResolveRef(_registryPath).Tell(new RegisterHelper(Self, _capabilities), Self);

    private void StartQueued()
    {
        while (_running.Count < _capabilities.Concurrency && _queue.TryDequeue(out var next))
        {
            var (task, replyTo, received) = next;
            var deadline = received.AddMilliseconds(task.DeadlineMs) - DateTime.UtcNow;
            if (deadline <= TimeSpan.Zero)
            {
                replyTo.Tell(new TaskResult(task.TaskId, TaskResultStatus.Failed, null, "the deadline passed while queued", 0), Self);
                continue;
            }

            _running[task.TaskId] = replyTo;
            var self = Self;
            _runner.RunAsync(task.TaskType, task.Input, deadline, _stopping.Token).ContinueWith(
                run => self.Tell(new TaskFinished(task.TaskId, run.IsCompletedSuccessfully ? run.Result : null), ActorRefs.NoSender),
                TaskScheduler.Default);
        }
    }

    private void OnFinished(TaskFinished finished)
    {
        if (!_running.Remove(finished.TaskId, out var replyTo))
        {
            return;
        }

        _done++;
        var outcome = finished.Outcome;
        var result = outcome switch
        {
            null => new TaskResult(finished.TaskId, TaskResultStatus.HandedBack, null, "cancelled", 0),
            { Kind: TaskOutcomeKind.Succeeded } => new TaskResult(finished.TaskId, TaskResultStatus.Ok, outcome.Output, null, (long)outcome.Elapsed.TotalMicroseconds),
            { Kind: TaskOutcomeKind.InvalidInput } => new TaskResult(finished.TaskId, TaskResultStatus.InvalidInput, null, outcome.Reason, (long)outcome.Elapsed.TotalMicroseconds),
            _ => new TaskResult(finished.TaskId, TaskResultStatus.Failed, null, outcome.Reason, (long)outcome.Elapsed.TotalMicroseconds),
        };
        replyTo.Tell(result, Self);
        StartQueued();
        ReplyIfDrained();
    }

    private void ReplyIfDrained()
    {
        if (_draining && _running.Count == 0)
        {
            _drainRequester?.Tell(new Drained(_done), Self);
            _drainRequester = null;
        }
    }

    private sealed record TaskFinished(long TaskId, TaskOutcome? Outcome);

    private sealed record RegisterDue;

    private sealed record LoadDue;

    private sealed record PanelDue;
}
