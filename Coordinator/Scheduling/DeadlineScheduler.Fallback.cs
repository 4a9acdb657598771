using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using P2C2R.Coordinator.Accounting;
using P2C2R.Coordinator.Helpers;
using P2C2R.Tasks;

namespace P2C2R.Coordinator.Scheduling;

/// <summary>When helpers are slow or gone: hedged copies, reassignment, failover, and the coordinator computing a task itself.</summary>
public sealed partial class DeadlineScheduler
{
    /// <summary>
    /// A helper passed its p95: with no result yet, a copy goes to another helper that holds the
    /// task's blobs (a copy that must carry a frame is not worth its bytes: the first helper
    /// likely answers before the deadline, and the deadline's fallback covers it if not); with
    /// one result of two in hand, the coordinator settles it by computing the task itself rather
    /// than wait for the laggard.
    /// </summary>
    private void Hedge(PendingTask pending)
    {
        if (pending.Results.Count >= pending.Replicas || pending.LocalRunning || pending.Checking)
        {
            return;
        }

        if (pending.Results.Count > 0)
        {
            if (!SettleWithoutExplorer(pending))
            {
                ComputeLocally(pending, fallback: false);
            }

            return;
        }

        if (pending.Attempts < _settings.MaxAttempts && Choose(pending, OptionalReplicaBytes) is { } helper)
        {
            Stats.Hedges++;
            Send(pending, helper);
        }
    }

    /// <summary>
    /// A copy failed, was handed back or was wrong: another helper takes its place unless the copies
    /// still out can complete the task (a quorum needs two), so a dropped replica is replaced
    /// rather than left for the coordinator to compute at the deadline.
    /// </summary>
    private void Reassign(PendingTask pending)
    {
        if (pending.LocalRunning || pending.Outstanding.Count() + pending.Results.Count >= pending.Replicas)
        {
            return;
        }

        if (pending.Attempts < _settings.MaxAttempts && pending.Work.Deadline > DateTime.UtcNow && Choose(pending, long.MaxValue) is { } helper)
        {
            Stats.Reassigned++;
            Send(pending, helper);
            return;
        }

        if (!SettleWithoutExplorer(pending))
        {
            ComputeLocally(pending, fallback: true);
        }
    }

    /// <summary>A helper left or died: every task it held goes to another helper or is computed here, at once.</summary>
    private void Failover(long helperId)
    {
        var clock = Stopwatch.StartNew();
        var moved = 0;
        var slack = TimeSpan.MaxValue;
        foreach (var pending in _pending.Values.Where(p => !p.Done && p.SentAt.ContainsKey(helperId) && !p.Finished.Contains(helperId)).ToArray())
        {
            pending.Finished.Add(helperId);
            _registry.Tell(new Judgement(helperId, JudgementKind.TimedOut, 0), Self);
            if (!pending.LocalRunning)
            {
                slack = TimeSpan.FromTicks(Math.Min(slack.Ticks, (pending.Work.Deadline - DateTime.UtcNow).Ticks));
            }

            Reassign(pending);
            moved++;
        }

        if (moved > 0)
        {
            Stats.FailoverMs.Add(clock.Elapsed.TotalMilliseconds);
            Stats.FailoverAt.Add(DateTime.UtcNow);
            Stats.FailoverSlackMs.Add(slack.TotalMilliseconds);
            _log.Info("Helper #{0} gone: {1} tasks re-dispatched in {2:0.000} ms", helperId, moved, clock.Elapsed.TotalMilliseconds);
        }
    }

    /// <summary>Computes the task on the coordinator's thread pool; the result is authoritative.</summary>
    private void ComputeLocally(PendingTask pending, bool fallback)
    {
        if (pending.LocalRunning || pending.Done)
        {
            return;
        }

        if (pending.IsCanary)
        {
            foreach (var helper in pending.Outstanding)
            {
                _registry.Tell(new Judgement(helper, JudgementKind.TimedOut, 0), Self);
            }

            Finish(pending);
            return;
        }

        pending.LocalRunning = true;
        if (fallback)
        {
            Stats.LocalFallbacks++;
        }

        var self = Self;
        var id = pending.Id;
        var work = pending.Work;
        _ = Task.Run(() =>
        {
            var started = ThreadCpu.NowMicros();
            try
            {
                TaskExecutors.TryGet(work.TaskType, out var executor);
                var output = executor.Execute(work.Input);
                self.Tell(new LocalResult(id, output, null, ThreadCpu.NowMicros() - started), ActorRefs.NoSender);
            }
            catch (Exception error)
            {
                self.Tell(new LocalResult(id, null, error.Message, ThreadCpu.NowMicros() - started), ActorRefs.NoSender);
            }
        });
    }

    private void OnLocalResult(LocalResult local)
    {
        if (!_pending.TryGetValue(local.TaskId, out var pending) || pending.Done)
        {
            return;
        }

        pending.CpuMicros += local.CpuMicros;
        Stats.LocalComputes++;
        if (local.Output is null)
        {
            _log.Error("Local computation of {0} failed: {1}", pending.Work.TaskType, local.Error);
            Finish(pending);
            return;
        }

        var matched = false;
        foreach (var (helper, output) in pending.Results)
        {
            var valid = output.AsSpan().SequenceEqual(local.Output);
            matched |= valid;
            Judge(helper, valid, pending, "differs from the coordinator's own computation");
        }

        var timedOut = pending.Outstanding.ToArray();
        foreach (var helper in timedOut)
        {
            _registry.Tell(new Judgement(helper, JudgementKind.TimedOut, 0), Self);
        }

        Deliver(pending, local.Output, byHelper: false);
    }
}
