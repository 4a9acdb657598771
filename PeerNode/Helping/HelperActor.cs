using Akka.Actor;
using Akka.Event;
using P2C2R.Edge.Blobs;
using P2C2R.Edge.Client;
using P2C2R.Protocol.Contracts;
using P2C2R.Sandbox;

namespace P2C2R.PeerNode.Helping;

/// <summary>
/// A helper's agent (<c>/user/helper</c>). Its child, the edge client, keeps one connection to a
/// coordinator (dialing again whenever it is lost); on each new connection the helper registers
/// and, once accepted, runs assigned tasks through its <see cref="ITaskRunner"/> up to its
/// concurrency (queueing a bounded number more), fetches inputs named by digest into its
/// <see cref="BlobCache"/>, answers every task with one <see cref="TaskResult"/> and reports its
/// load every second. A task belongs to the connection it came on: when that closes the
/// coordinator re-dispatches it, so the helper drops what waited and discards what was running.
/// Asked to <see cref="Drain"/> (Ctrl+C), it hands back what waits, lets running tasks finish
/// until the drain timeout, hands back the rest and stops its edge client, whose connection sends
/// those answers and then <see cref="Goodbye"/> 0 (docs/PROTOCOL.md §5).
/// </summary>
public sealed partial class HelperActor : ReceiveActor, IWithTimers
{
    private const string DrainTimer = "drain";

    private readonly HelperOptions _options;
    private readonly ITaskRunner _runner;
    private readonly Func<IActorRef, Props> _clientProps;
    private readonly HashSet<string> _taskTypes;
    private readonly BlobCache _blobs;
    private readonly Queue<PendingTask> _queue = new();
    private readonly BlobWaits _awaitingBlobs = new();
    private readonly List<(int Offset, int Length)> _segments = [];
    private readonly Dictionary<long, RunningTask> _running = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IActorRef _client = ActorRefs.Nobody;
    private int _connection;
    private bool _connected;
    private string? _coordinator;
    private string _account = "";
    private long _helperId;
    private CreditUpdate _credit = new(0, 0, 0);
    private long _done;
    private long _lastRun;
    private IActorRef? _drainRequester;
    private bool _draining;
    private bool _saidGoodbye;
    private int _handedBackByDrain;

    /// <param name="options">What the helper offers and the bounds it keeps.</param>
    /// <param name="runner">Where tasks run (the sandbox in a real helper).</param>
    /// <param name="clientProps">
    /// The edge client, given the helper as the handler of its events: <c>EdgeClientActor.Props(settings, handler)</c>
    /// in a real helper, a probe in tests.
    /// </param>
    public HelperActor(HelperOptions options, ITaskRunner runner, Func<IActorRef, Props> clientProps)
    {
        _options = options;
        _runner = runner;
        _clientProps = clientProps;
        _taskTypes = new HashSet<string>(options.Capabilities.TaskTypes, StringComparer.Ordinal);
        _blobs = new BlobCache(options.BlobCacheBytes);

        Receive<EdgeConnected>(OnConnected);
        Receive<EdgeDisconnected>(OnDisconnected);
        Receive<HelperAccepted>(OnAccepted);
        Receive<AssignTask>(OnAssign);
        Receive<BlobData>(OnBlob);
        Receive<CreditUpdate>(credit => _credit = credit);
        Receive<TaskFinished>(OnFinished);
        Receive<Drain>(OnDrain);
        Receive<DrainDeadline>(_ => FinishDrain());
        Receive<LoadDue>(_ => OnLoadDue());
        Receive<LogDue>(_ => LogCounters());
        // A result told to the client just as its connection closed: the coordinator re-dispatches that task anyway.
        Receive<EdgeUndelivered>(_ => { });
        // The client logs a failed dial itself and tries the next coordinator.
        Receive<EdgeConnectFailed>(_ => { });
        Receive<Terminated>(terminated => terminated.ActorRef.Equals(_client), _ =>
        {
            _log.Error("The edge client stopped (it could not start, or kept failing); this helper cannot take work any more and stops");
            Context.Stop(Self);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(HelperOptions options, ITaskRunner runner, Func<IActorRef, Props> clientProps) =>
        Akka.Actor.Props.Create(() => new HelperActor(options, runner, clientProps));

    private int Capacity => _options.Capabilities.Concurrency;

    /// <summary>
    /// The edge client holds a socket: when it throws, a fresh one (which dials again) is the
    /// right cure, and the coordinator has already re-dispatched whatever the lost connection
    /// carried. A client that keeps failing is a bug, not bad luck: after ten failures in a
    /// minute (or one that cannot even start) it is stopped, and so is the helper, rather than
    /// spin; the process then shuts down so a service manager can restart it.
    /// </summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(10, TimeSpan.FromMinutes(1), Akka.Actor.SupervisorStrategy.DefaultDecider);

    protected override void PreStart()
    {
        _client = Context.Watch(Context.ActorOf(_clientProps(Self), "edge"));
        Timers.StartPeriodicTimer("load", LoadDue.Instance, _options.LoadInterval);
        Timers.StartPeriodicTimer("log", LogDue.Instance, _options.LogInterval);
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void OnConnected(EdgeConnected connected)
    {
        if (_saidGoodbye)
        {
            return;
        }

        _connection++;
        _connected = true;
        _helperId = 0;
        _coordinator = connected.Coordinator.ToString();
        _account = connected.Welcome.Account;
        if (_draining)
        {
            // A connection made while draining owes nothing: the drain ends and the client stops.
            CheckDrained();
            return;
        }

        _log.Info("Connected to the coordinator at {0} as account {1}; registering", _coordinator, _account);
        Send(new RegisterHelper(_options.Capabilities));
    }

    private void OnDisconnected(EdgeDisconnected disconnected)
    {
        var dropped = _queue.Count + _awaitingBlobs.Count;
        _queue.Clear();
        _awaitingBlobs.TakeAll();
        if (_connected)
        {
            _log.Warning(
                "Lost the coordinator at {0} ({1}); {2} waiting tasks dropped and {3} running ones discarded (the coordinator re-dispatches them); reconnecting",
                _coordinator, disconnected.Reason, dropped, _running.Count);
        }

        _connected = false;
        _helperId = 0;
        _coordinator = null;
        CheckDrained();
    }

    private void OnAccepted(HelperAccepted accepted)
    {
        _helperId = accepted.HelperId;
        _credit = _credit with { Credits = accepted.Credits };
        _log.Info("Accepted by the coordinator at {0} as helper #{1} of account {2} holding {3} credits", _coordinator, accepted.HelperId, _account, accepted.Credits);
    }

    private void OnAssign(AssignTask task)
    {
        if (_draining)
        {
            HandBack(task.TaskId, "the helper is draining");
            return;
        }

        if (!_taskTypes.Contains(task.TaskType))
        {
            Send(TaskResults.Refused(task.TaskId, $"task type \"{task.TaskType}\" is not compiled into this helper"));
            return;
        }

        var received = System.Diagnostics.Stopwatch.GetTimestamp();
        if (BlobSplicing.Check(task) is { } malformed)
        {
            Send(TaskResults.Refused(task.TaskId, malformed));
            return;
        }

        var missing = BlobSplicing.Missing(task, _blobs);
        if (missing.Count > 0)
        {
            if (!RefusedAsFull(mustWait: true))
            {
                var unasked = _awaitingBlobs.Add(new PendingTask(task, [], received, _connection), missing);
                if (unasked.Count > 0)
                {
                    Send(new BlobRequest([.. unasked]));
                }
            }

            return;
        }

        if (!RefusedAsFull(mustWait: _running.Count >= Capacity))
        {
            Accept(new PendingTask(task, [], received, _connection));
            StartQueued();
        }

        bool RefusedAsFull(bool mustWait)
        {
            if (!mustWait || _queue.Count + _awaitingBlobs.Count < _options.QueueLimit)
            {
                return false;
            }

            Send(TaskResults.HandedBack(task.TaskId, $"the helper already holds {_options.QueueLimit} tasks beyond those running"));
            return true;
        }
    }

    private void OnBlob(BlobData blob)
    {
        if (!BlobDigest.Matches(blob.Digest, blob.Content))
        {
            // The coordinator closes the connection on this Goodbye; the client then dials again.
            _log.Warning("The coordinator at {0} sent a blob whose content does not hash to its digest; closing the connection", _coordinator);
            Send(new Goodbye(EdgeCloseCode.BlobMismatch, blob.Digest.Length == BlobDigest.Bytes ? $"blob {BlobDigest.ToHex(blob.Digest)} does not hash to its digest" : "a blob digest must have 32 bytes"));
            return;
        }

        _blobs.Put(blob.Digest, blob.Content);
        foreach (var ready in _awaitingBlobs.Arrived(blob.Digest))
        {
            Accept(ready);
        }

        StartQueued();
    }

    /// <summary>
    /// Queues a task whose blobs are all at hand, with its input assembled now: a blob evicted
    /// between then and now (a cache too small for what it was sent) is asked for again.
    /// </summary>
    private void Accept(PendingTask pending)
    {
        var input = BlobSplicing.Assemble(pending.Task, _blobs, _options.MaxInputBytes, out var error);
        if (error is not null)
        {
            Send(TaskResults.Refused(pending.Task.TaskId, error));
            return;
        }

        if (input is null)
        {
            var unasked = _awaitingBlobs.Add(pending, BlobSplicing.Missing(pending.Task, _blobs));
            if (unasked.Count > 0)
            {
                Send(new BlobRequest([.. unasked]));
            }

            return;
        }

        _queue.Enqueue(pending with { Input = input });
    }

    private void StartQueued()
    {
        while (_running.Count < Capacity && _queue.TryDequeue(out var next))
        {
            var remaining = next.Remaining();
            if (remaining <= TimeSpan.Zero)
            {
                Send(TaskResults.Failed(next.Task.TaskId, "the deadline passed while the task was queued"));
                continue;
            }

            var run = ++_lastRun;
            _running[run] = new RunningTask(next.Task.TaskId, next.Connection);
            _runner.RunAsync(next.Task.TaskType, next.Input, remaining, _stopping.Token).PipeTo(
                Self,
                success: outcome => new TaskFinished(run, outcome),
                failure: error => new TaskFinished(run, new TaskOutcome(TaskOutcomeKind.Failed, null, "the runner failed: " + error.Message, TimeSpan.Zero, TimeSpan.Zero)));
        }
    }

    private void OnFinished(TaskFinished finished)
    {
        if (!_running.Remove(finished.Run, out var running))
        {
            return;
        }

        if (running.Connection == _connection && _connected && !_saidGoodbye)
        {
            _done++;
            KeepOutputBlobs(finished.Outcome.Output);
            Send(TaskResults.From(running.TaskId, finished.Outcome));
        }

        StartQueued();
        CheckDrained();
    }

    /// <summary>
    /// Keeps the large parts of an output by digest: the coordinator names them in the next task
    /// that needs them (a traced band in its frame's upscale, a frame in the next frame's delta)
    /// instead of sending them back.
    /// </summary>
    private void KeepOutputBlobs(byte[]? output)
    {
        if (output is null)
        {
            return;
        }

        _segments.Clear();
        BlobSegments.Find(output, _segments);
        foreach (var (offset, length) in _segments)
        {
            var content = output.AsSpan(offset, length).ToArray();
            _blobs.Put(BlobDigest.Of(content), content);
        }
    }

    private void OnLoadDue()
    {
        ExpireBlobWaits();
        var active = _running.Count + _queue.Count + _awaitingBlobs.Count;
        if (_connected && _helperId != 0 && !_saidGoodbye)
        {
            Send(new HelperLoad(active, Capacity));
        }

        Context.System.EventStream.Publish(new HelperStatus(
            _options.Capabilities.Name, _account, _coordinator, _helperId, _done, _credit.Validated, _credit.Rejected, _credit.Credits,
            _running.Count, _queue.Count + _awaitingBlobs.Count, Capacity, _draining));
    }

    private void LogCounters() => _log.Info(
        "Tasks done {0}, validated {1}, rejected {2}, credits {3}, load {4}/{5}, {6} waiting",
        [_done, _credit.Validated, _credit.Rejected, _credit.Credits, _running.Count, Capacity, _queue.Count + _awaitingBlobs.Count]);

    /// <summary>Answers tasks whose input blobs did not come before their deadline: their result would be useless now.</summary>
    private void ExpireBlobWaits()
    {
        foreach (var waiting in _awaitingBlobs.Expired())
        {
            Send(TaskResults.Failed(waiting.Task.TaskId, "the input blobs did not arrive before the deadline"));
        }
    }

    private void Send(IEdgeMessage message) => _client.Tell(message, Self);

    private sealed record TaskFinished(long Run, TaskOutcome Outcome);

    private sealed class DrainDeadline
    {
        public static readonly DrainDeadline Instance = new();
    }

    private sealed class LoadDue
    {
        public static readonly LoadDue Instance = new();
    }

    private sealed class LogDue
    {
        public static readonly LogDue Instance = new();
    }
}
