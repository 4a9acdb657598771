using Akka.Actor;
using Akka.Event;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Scheduling.Locality;
using P2C2R.Coordinator.Validation;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Scheduling;

/// <summary>
/// Gets every work item done before its deadline, and no wrong result into a session. It picks
/// helpers by score (reputation, load, recent latency, and the bytes a helper would have to be
/// sent: a helper that already holds a task's blobs, or is its frame chain's home, goes first).
/// An untrusted helper's result, and every result that folds into a world, is accepted only on a
/// hash quorum: a second helper on another account and another host (as the coordinator observes
/// its address) must give the same bytes. A trusted helper's result is replicated at its adaptive
/// rate (BOINC-style: falling as its run of valid results grows), otherwise checked by the task
/// type's verifier, which is cheaper than the task, and at a small spot rate recomputed here. The
/// coordinator computes a task itself only to settle a disagreement, for a spot check, or when a
/// helper is slow, wrong or gone: it hedges a copy when a helper passes its own p95 (the fleet's,
/// while it is too new to have one), reassigns on failure or disconnect (at most
/// <see cref="CoordinatorSettings.MaxAttempts"/> helpers), and computes the task when the deadline
/// would otherwise be missed.
/// Helpers are their edge connections: the scheduler watches each one it is told of, and a
/// connection that terminates takes its tasks elsewhere at once (<see cref="Failover"/>).
/// Supervision: restarted on failure; it re-subscribes to the registry, and the work it held falls
/// back on the sessions' own safety nets (lost frame tasks are sent again, world tasks are computed
/// when due).
/// </summary>
public sealed partial class DeadlineScheduler : ReceiveActor, IWithTimers
{
    /// <summary>A helper with fewer latency samples than this is scored as fast, so every new helper gets work and a chance to earn trust.</summary>
    private const int ExplorationSamples = 8;

    /// <summary>Bytes a helper lacking a task's blobs weighs like one task of extra load: locality beats balance unless a helper is full.</summary>
    private const double LocalityBytes = 8 * 1024;

    /// <summary>An optional replica (a trusted helper's result checked by a second helper) is placed only where it costs at most this many blob bytes.</summary>
    private const long OptionalReplicaBytes = 4 * 1024;

    /// <summary>Helpers a frame chain keeps as its home: the two of a replicated pair, the first taking every first copy.</summary>
    private const int ChainHomes = 2;

    /// <summary>A frame chain's home takes this many tasks beyond its concurrency: its blobs are there, and a queue there beats a transfer elsewhere.</summary>
    private const int HomeQueue = 8;

    private const long BlobStoreBytes = 256L << 20;

    private readonly CoordinatorSettings _settings;
    private readonly IActorRef _registry;
    private readonly IActorRef _validator;
    private readonly Dictionary<long, PendingTask> _pending = [];
    private readonly Dictionary<long, HelperState> _helpers = [];
    private readonly Dictionary<IActorRef, long> _helperIds = [];

    /// <summary>Connections seen terminated, kept until a directory without them arrives: one published before the registry noticed must not bring them back.</summary>
    private readonly HashSet<IActorRef> _gone = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>
    /// Copies still out when their task was settled, with the task's deadline (a copy that does not
    /// answer by then is judged timed out) and the settled answer when it is beyond doubt.
    /// </summary>
    private readonly Dictionary<(long TaskId, long HelperId), OpenCopy> _openCopies = [];
    private readonly Random _random = new(17);

    /// <summary>Settled live tasks with their known answers: canaries a helper cannot tell from live work.</summary>
    private readonly CanaryPool<WorkItem> _canaries;

    /// <summary>Large task parts by content, shared by every session's tasks.</summary>
    private readonly BlobStore _blobs = new(BlobStoreBytes);

    /// <summary>Per frame chain (<see cref="WorkItem.Affinity"/>), its home helpers (<see cref="MakeHome"/>).</summary>
    private readonly Dictionary<long, List<long>> _homes = [];

    /// <summary>Latencies of every helper's results: a helper too new to have a p95 of its own is hedged on the fleet's.</summary>
    private readonly LatencyWindow _fleet = new();
    private long _nextTaskId;

    public DeadlineScheduler(CoordinatorSettings settings, IActorRef registry, IActorRef validator)
    {
        _settings = settings;
        _registry = registry;
        _validator = validator;
        _canaries = new CanaryPool<WorkItem>(settings.CanaryPoolPerType, settings.CanaryPoolBytes);
        Receive<HelperDirectory>(OnDirectory);
        Receive<Terminated>(OnTerminated);
        Receive<WorkItem>(work => Dispatch(new PendingTask(++_nextTaskId, work, Sender, null)));
        Receive<TaskResult>(OnResult);
        Receive<BlobRequest>(OnBlobRequest);
        Receive<ResultChecked>(OnChecked);
        Receive<LocalResult>(OnLocalResult);
        Receive<HedgeDue>(due => WithPending(due.TaskId, Hedge));
        Receive<FallbackDue>(due => WithPending(due.TaskId, pending => ComputeLocally(pending, fallback: true)));
        Receive<CopyDue>(due =>
        {
            if (_openCopies.Remove((due.TaskId, due.HelperId), out var copy) && !copy.TimedOut)
            {
                _registry.Tell(new Judgement(due.HelperId, JudgementKind.TimedOut, 0), Self);
            }
        });
        Receive<QuerySchedulerStats>(_ => Sender.Tell(Stats.Snapshot(), Self));
        Receive<QueryHelperLatencies>(_ => Sender.Tell(Latencies(), Self));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private SchedulerCounters Stats { get; } = new();

    protected override void PreStart() => _registry.Tell(SubscribeHelpers.Instance, Self);

    private void OnDirectory(HelperDirectory directory)
    {
        _gone.RemoveWhere(gone => !directory.Helpers.Any(view => view.Ref.Equals(gone)));
        var present = directory.Helpers.Where(view => !_gone.Contains(view.Ref)).Select(h => h.Id).ToHashSet();
        foreach (var gone in _helpers.Keys.Where(id => !present.Contains(id)).ToArray())
        {
            _helpers.Remove(gone);
            Failover(gone);
        }

        _helperIds.Clear();
        foreach (var view in directory.Helpers)
        {
            if (_gone.Contains(view.Ref))
            {
                continue;
            }

            if (!_helpers.TryGetValue(view.Id, out var state))
            {
                _helpers[view.Id] = state = new HelperState { Held = new HeldBlobs(view.BlobCacheBytes > 0 ? view.BlobCacheBytes : HeldBlobs.DefaultCapacityBytes) };
            }

            if (state.View is null || !view.Ref.Equals(state.View.Ref))
            {
                Context.Watch(view.Ref);
            }

            state.View = view;
            _helperIds[view.Ref] = view.Id;
        }
    }

    /// <summary>A helper's connection closed: what it held goes to other helpers or is computed here now.</summary>
    private void OnTerminated(Terminated terminated)
    {
        _gone.Add(terminated.ActorRef);
        if (_helperIds.Remove(terminated.ActorRef, out var id))
        {
            _helpers.Remove(id);
            Failover(id);
        }
    }

    private void Dispatch(PendingTask pending)
    {
        _pending[pending.Id] = pending;
        pending.Segments = _blobs.Segments(pending.Work.Input);
        Stats.Tasks++;
        var first = Choose(pending, long.MaxValue);
        if (first is null)
        {
            ComputeLocally(pending, fallback: true);
            return;
        }

        var required = pending.Work.FoldsIntoWorld || !first.View.Trusted;
        pending.Replicas = required || _random.NextDouble() < first.View.ReplicationRate ? 2 : 1;
        Send(pending, first, joinsHome: true);
        if (pending.Replicas == 2)
        {
            if (Choose(pending, required ? long.MaxValue : OptionalReplicaBytes) is { } second)
            {
                Send(pending, second, joinsHome: true);
            }
            else if (!required)
            {
                pending.Replicas = 1;
            }
        }

        if (pending.Replicas == 1 && Explorer(pending) is { } newcomer)
        {
            pending.Replicas = 2;
            pending.Explorer = newcomer.View.Id;
            newcomer.Explored++;
            Stats.Explorations++;
            Send(pending, newcomer);
        }

        var localEstimate = TimeSpan.FromMicroseconds(Math.Max(200, pending.Work.Cost * 2));
        var fallbackAt = pending.Work.Deadline - localEstimate - DateTime.UtcNow;
        Timers.StartSingleTimer(("fallback", pending.Id), new FallbackDue(pending.Id), fallbackAt > TimeSpan.Zero ? fallbackAt : TimeSpan.Zero);
        if (!first.View.Trusted && _random.NextDouble() < _settings.CanaryRate)
        {
            SendCanary(first);
        }
    }

    /// <summary>
    /// The best helper not yet holding this task, with room for it (a queue of one task beyond its
    /// concurrency, more at the task's home) and lacking at most <paramref name="maxMissingBytes"/>
    /// of its blobs; for a replicated task, also on an account and host no other holder has, so
    /// colluding helpers cannot agree on a wrong answer. Null sends it to local compute.
    /// </summary>
    private HelperState? Choose(PendingTask pending, long maxMissingBytes)
    {
        var homes = pending.Work.Affinity != 0 && _homes.TryGetValue(pending.Work.Affinity, out var list) ? list : null;
        HelperState? best = null;
        var bestScore = double.MinValue;
        foreach (var (id, state) in _helpers)
        {
            var view = state.View;
            var home = homes is not null && (pending.SentAt.Count == 0 ? homes[0] == id : homes.Contains(id));
            if (view.Quarantined || pending.SentAt.ContainsKey(id) || state.InFlight > view.Capacity + (home ? HomeQueue : 0) || !view.Runs(pending.Work.TaskType))
            {
                continue;
            }

            if (pending.Replicas == 2 && pending.SentAt.Keys.Any(other => _helpers.TryGetValue(other, out var holder)
                && (holder.View.Account == view.Account || holder.View.Host == view.Host)))
            {
                continue;
            }

            var missing = state.Held.MissingBytes(pending.Segments);
            if (missing > maxMissingBytes)
            {
                continue;
            }

            var load = (double)state.InFlight / Math.Max(1, view.Capacity);
            var latency = state.Latency.Count < ExplorationSamples ? 0 : state.Latency.Percentile(0.5, 0);
            var score = view.Reputation / ((1 + load) * (1 + latency / 10) * (1 + missing / LocalityBytes)) * (home ? 4 : 1);
            if (score > bestScore || (score == bestScore && best is not null && id < best.View.Id))
            {
                best = state;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>Sends a copy of the task to <paramref name="helper"/>; <paramref name="joinsHome"/> when it is the task's first choice or replica, which may make it its chain's home.</summary>
    private void Send(PendingTask pending, HelperState helper, bool joinsHome = false)
    {
        if (!helper.View.Trusted && !pending.IsCanary)
        {
            pending.Replicas = 2;
        }

        var remaining = pending.Work.Deadline - DateTime.UtcNow;
        pending.SentAt[helper.View.Id] = DateTime.UtcNow;
        pending.Attempts++;
        helper.InFlight++;
        var bytes = Transmit(pending, helper, Math.Max(1, (int)remaining.TotalMilliseconds));
        pending.BytesSent += bytes;
        if (joinsHome && pending.Work.Affinity != 0)
        {
            MakeHome(pending.Work.Affinity, helper.View.Id);
        }

        var latencies = helper.Latency.Count >= ExplorationSamples ? helper.Latency : _fleet;
        var p95 = latencies.Percentile(0.95, remaining.TotalMilliseconds / 2);
        var hedge = TimeSpan.FromMilliseconds(Math.Clamp(p95, _settings.MinimumHedgeDelay.TotalMilliseconds, Math.Max(_settings.MinimumHedgeDelay.TotalMilliseconds, remaining.TotalMilliseconds / 2)));
        Timers.StartSingleTimer(("hedge", pending.Id, helper.View.Id), new HedgeDue(pending.Id), hedge);
    }

    /// <summary>
    /// Sends <paramref name="helper"/> a known-answer task drawn from settled live work, so it
    /// looks like any other task; one whose blobs the helper lacks is not worth its bytes and is
    /// skipped.
    /// </summary>
    private void SendCanary(HelperState helper)
    {
        if (!_canaries.TryDraw(_random, helper.View.Runs, helper.View.Id, out var work, out var answer))
        {
            return;
        }

        var canary = new PendingTask(++_nextTaskId, work with { Deadline = DateTime.UtcNow.AddSeconds(2) }, null, answer)
        {
            Replicas = 1,
            Segments = _blobs.Segments(work.Input),
        };
        if (helper.Held.MissingBytes(canary.Segments) > OptionalReplicaBytes)
        {
            return;
        }

        _pending[canary.Id] = canary;
        Send(canary, helper);
        Timers.StartSingleTimer(("fallback", canary.Id), new FallbackDue(canary.Id), TimeSpan.FromSeconds(2));
        Stats.Canaries++;
    }

    private HelperLatencies Latencies() => new(_helpers
        .Where(h => h.Value.Latency.Count > 0)
        .ToDictionary(h => h.Key, h => new HelperLatency(h.Value.Latency.Mean(0), h.Value.Latency.Percentile(0.95, 0), h.Value.Latency.Count)));

    private void WithPending(long taskId, Action<PendingTask> action)
    {
        if (_pending.TryGetValue(taskId, out var pending) && !pending.Done)
        {
            action(pending);
        }
    }

    private sealed class HelperState
    {
        public HelperView View { get; set; } = null!;

        public LatencyWindow Latency { get; } = new();

        /// <summary>What this helper's blob cache is believed to hold (set when its view first arrives).</summary>
        public HeldBlobs Held { get; set; } = null!;

        public int InFlight { get; set; }

        /// <summary>Copies sent to this helper as a newcomer (<see cref="Explorer"/>).</summary>
        public int Explored { get; set; }
    }

    private sealed record HedgeDue(long TaskId);

    private sealed record FallbackDue(long TaskId);

    private sealed record CopyDue(long TaskId, long HelperId);

    /// <summary>A copy still out after its task was settled; <c>TimedOut</c> when that was already judged.</summary>
    private readonly record struct OpenCopy(DateTime Deadline, byte[]? Settled, bool TimedOut);

    private sealed record LocalResult(long TaskId, byte[]? Output, string? Error, long CpuMicros);
}
