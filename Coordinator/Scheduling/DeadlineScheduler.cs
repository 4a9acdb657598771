using Akka.Actor;
using Akka.Event;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Validation;
using P2C2R.Protocol.Contracts;
using P2C2R.Tasks;
using P2C2R.Tasks.Golden;

namespace P2C2R.Coordinator.Scheduling;

/// <summary>
/// Gets every work item done before its deadline. It picks helpers by score (reputation, load,
/// recent latency), replicates on two helpers of different accounts and addresses until one is
/// trusted, hedges a copy when a helper passes its own p95 (the fleet's, while it is too new to
/// have one), reassigns on failure or disconnect (at most
/// <see cref="CoordinatorSettings.MaxAttempts"/> helpers), and computes the task itself when the
/// deadline would otherwise be missed. An untrusted helper's result is used only when a
/// second helper's matches it by hash or the coordinator's own computation does (a sampled
/// verifier could miss one flipped pixel); a trusted helper's result is checked by the
/// validator. Only validated output is delivered.
/// Helpers are their edge connections: the scheduler watches each one it is told of, and a
/// connection that terminates takes its tasks elsewhere at once (<see cref="Failover"/>), without
/// waiting for the registry's next directory. Supervision: restarted on failure; it re-subscribes
/// to the registry, and the work it held falls back on the sessions' own safety nets (lost frame
/// tasks are sent again, world tasks are computed when due).
/// </summary>
public sealed partial class DeadlineScheduler : ReceiveActor, IWithTimers
{
    /// <summary>A helper with fewer latency samples than this is scored as fast, so every new helper gets work and a chance to earn trust.</summary>
    private const int ExplorationSamples = 8;

    /// <summary>Known-answer inputs with their costs, encoded once: a golden scene encoded per canary would cost more than the canary.</summary>
    private static readonly Lazy<(string Type, byte[] Input, long Cost)[]> Canaries = new(() =>
        [.. TaskExecutors.All.Select(e => (e.Type.Id, GoldenInputs.For(e.Type.Id), e.EstimateCost(GoldenInputs.For(e.Type.Id))))]);

    private readonly CoordinatorSettings _settings;
    private readonly IActorRef _registry;
    private readonly IActorRef _validator;
    private readonly Dictionary<long, PendingTask> _pending = [];
    private readonly Dictionary<long, HelperState> _helpers = [];
    private readonly Dictionary<IActorRef, long> _helperIds = [];

    /// <summary>Connections seen terminated, kept until a directory without them arrives: one published before the registry noticed must not bring them back.</summary>
    private readonly HashSet<IActorRef> _gone = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>Copies still out when their task was settled, with the task's deadline: a copy that does not answer by then is judged timed out.</summary>
    private readonly Dictionary<(long TaskId, long HelperId), DateTime> _openCopies = [];
    private readonly Random _random = new(17);

    /// <summary>Latencies of every helper's results: a helper too new to have a p95 of its own is hedged on the fleet's.</summary>
    private readonly LatencyWindow _fleet = new();
    private long _nextTaskId;

    public DeadlineScheduler(CoordinatorSettings settings, IActorRef registry, IActorRef validator)
    {
        _settings = settings;
        _registry = registry;
        _validator = validator;
        Receive<HelperDirectory>(OnDirectory);
        Receive<Terminated>(OnTerminated);
        Receive<WorkItem>(work => Dispatch(new PendingTask(++_nextTaskId, work, Sender, null)));
        Receive<TaskResult>(OnResult);
        Receive<ResultChecked>(OnChecked);
        Receive<LocalResult>(OnLocalResult);
        Receive<HedgeDue>(due => WithPending(due.TaskId, Hedge));
        Receive<FallbackDue>(due => WithPending(due.TaskId, pending => ComputeLocally(pending, fallback: true)));
        Receive<CopyDue>(due =>
        {
            if (_openCopies.Remove((due.TaskId, due.HelperId)))
            {
                _registry.Tell(new Judgement(due.HelperId, JudgementKind.TimedOut, 0), Self);
            }
        });
        Receive<QuerySchedulerStats>(_ => Sender.Tell(Stats.Snapshot(), Self));
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
                _helpers[view.Id] = state = new HelperState();
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
        Stats.Tasks++;
        var first = Choose(pending);
        if (first is null)
        {
            ComputeLocally(pending, fallback: true);
            return;
        }

        pending.Replicas = first.View.Trusted || pending.IsCanary ? 1 : 2;
        Send(pending, first);
        if (pending.Replicas == 2 && Choose(pending) is { } second)
        {
            Send(pending, second);
        }

        var localEstimate = TimeSpan.FromMicroseconds(Math.Max(200, pending.Work.Cost * 2));
        var fallbackAt = pending.Work.Deadline - localEstimate - DateTime.UtcNow;
        Timers.StartSingleTimer(("fallback", pending.Id), new FallbackDue(pending.Id), fallbackAt > TimeSpan.Zero ? fallbackAt : TimeSpan.Zero);
        if (!pending.IsCanary && !first.View.Trusted && _random.NextDouble() < _settings.CanaryRate)
        {
            SendCanary(first);
        }
    }

    /// <summary>
    /// The best helper not yet holding this task, with room for it (a queue of one task beyond
    /// its concurrency); for a replicated task, also on an account and host no other holder has,
    /// so colluding helpers cannot agree on a wrong answer. Null sends it to local compute.
    /// </summary>
    private HelperState? Choose(PendingTask pending)
    {
        HelperState? best = null;
        var bestScore = double.MinValue;
        foreach (var (id, state) in _helpers)
        {
            var view = state.View;
            if (view.Quarantined || pending.SentAt.ContainsKey(id) || state.InFlight > view.Capacity || !view.Runs(pending.Work.TaskType))
            {
                continue;
            }

            if (pending.Replicas == 2 && pending.SentAt.Keys.Any(other => _helpers.TryGetValue(other, out var holder)
                && (holder.View.Account == view.Account || holder.View.Host == view.Host)))
            {
                continue;
            }

            var load = (double)state.InFlight / Math.Max(1, view.Capacity);
            var latency = state.Latency.Count < ExplorationSamples ? 0 : state.Latency.Percentile(0.5, 0);
            var score = view.Reputation / ((1 + load) * (1 + latency / 10));
            if (score > bestScore || (score == bestScore && best is not null && id < best.View.Id))
            {
                best = state;
                bestScore = score;
            }
        }

        return best;
    }

    private void Send(PendingTask pending, HelperState helper)
    {
        if (!helper.View.Trusted && !pending.IsCanary)
        {
            pending.Replicas = 2;
        }

        var remaining = pending.Work.Deadline - DateTime.UtcNow;
        pending.SentAt[helper.View.Id] = DateTime.UtcNow;
        pending.Attempts++;
        helper.InFlight++;
        helper.View.Ref.Tell(new AssignTask(pending.Id, pending.Work.TaskType, pending.Work.Input, Math.Max(1, (int)remaining.TotalMilliseconds)), Self);
        var latencies = helper.Latency.Count >= ExplorationSamples ? helper.Latency : _fleet;
        var p95 = latencies.Percentile(0.95, remaining.TotalMilliseconds / 2);
        var hedge = TimeSpan.FromMilliseconds(Math.Clamp(p95, _settings.MinimumHedgeDelay.TotalMilliseconds, Math.Max(_settings.MinimumHedgeDelay.TotalMilliseconds, remaining.TotalMilliseconds / 2)));
        Timers.StartSingleTimer(("hedge", pending.Id, helper.View.Id), new HedgeDue(pending.Id), hedge);
    }

    private void SendCanary(HelperState helper)
    {
        var canaries = Array.FindAll(Canaries.Value, canary => helper.View.Runs(canary.Type));
        if (canaries.Length == 0)
        {
            return;
        }

        var (type, input, cost) = canaries[_random.Next(canaries.Length)];
        var work = new WorkItem(0, type, input, cost, DateTime.UtcNow.AddSeconds(2));
        var canary = new PendingTask(++_nextTaskId, work, null, GoldenHashes.ByTask[type].Output) { Replicas = 1 };
        _pending[canary.Id] = canary;
        Send(canary, helper);
        Timers.StartSingleTimer(("fallback", canary.Id), new FallbackDue(canary.Id), TimeSpan.FromSeconds(2));
        Stats.Canaries++;
    }

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

        public int InFlight { get; set; }
    }

    private sealed record HedgeDue(long TaskId);

    private sealed record FallbackDue(long TaskId);

    private sealed record CopyDue(long TaskId, long HelperId);

    private sealed record LocalResult(long TaskId, byte[]? Output, string? Error);
}
