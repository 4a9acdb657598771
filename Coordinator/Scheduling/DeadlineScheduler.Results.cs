using Akka.Actor;
using Akka.Event;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Observability;
using P2C2R.Coordinator.Validation;
using P2C2R.Protocol.Contracts;
using P2C2R.Tasks;

namespace P2C2R.Coordinator.Scheduling;

/// <summary>Results: accepted alone, compared between replicas, checked by a verifier, judged, delivered; late copies judged too.</summary>
public sealed partial class DeadlineScheduler
{
    private void OnResult(TaskResult result)
    {
        var helperId = HelperOf(Sender);
        if (helperId >= 0 && _openCopies.Remove((result.TaskId, helperId), out var copy))
        {
            Timers.Cancel(("copy", result.TaskId, helperId));
            JudgeLateCopy(helperId, result, copy);
            return;
        }

        if (helperId < 0 || !_pending.TryGetValue(result.TaskId, out var pending) || !pending.SentAt.TryGetValue(helperId, out var sentAt))
        {
            return;
        }

        pending.Finished.Add(helperId);
        var helper = _helpers[helperId];
        helper.InFlight = Math.Max(0, helper.InFlight - 1);
        if (result.Status != TaskResultStatus.Ok || result.Output is null)
        {
            if (result.Status != TaskResultStatus.HandedBack)
            {
                _registry.Tell(new Judgement(helperId, JudgementKind.Failed, 0), Self);
            }

            if (!pending.Done)
            {
                Reassign(pending);
            }

            return;
        }

        var latency = (DateTime.UtcNow - sentAt).TotalMilliseconds;
        helper.Latency.Add(latency);
        _fleet.Add(latency);
        if (pending.Done && !pending.IsCanary)
        {
            return;
        }

        if (pending.IsCanary)
        {
            var valid = ResultHash.Of(result.Output) == pending.CanaryHash;
            if (!valid)
            {
                CoordinatorMetrics.CanaryCaught();
            }

            Judge(helperId, valid, pending, "canary answer differs from the known answer");
            Finish(pending);
            return;
        }

        pending.Results[helperId] = result.Output;
        if (pending.Replicas == 2)
        {
            CompareReplicas(pending);
            if (!pending.Done && pending.Explorer >= 0 && !pending.Results.ContainsKey(pending.Explorer))
            {
                // The newcomer gets as long as the fleet takes, from now, before the answer in hand is taken without it.
                var wait = Math.Clamp(_fleet.Percentile(0.95, 0), _settings.MinimumHedgeDelay.TotalMilliseconds, Math.Max(_settings.MinimumHedgeDelay.TotalMilliseconds, (pending.Work.Deadline - DateTime.UtcNow).TotalMilliseconds / 2));
                Timers.StartSingleTimer(("explorer", pending.Id), new HedgeDue(pending.Id), TimeSpan.FromMilliseconds(wait));
            }
        }
        else
        {
            AcceptAlone(pending, helper, result.Output);
        }
    }

    /// <summary>
    /// A single trusted helper's result, as its adaptive checks take it: spot-recomputed, verified,
    /// or taken as it is; an untrusted helper's single result (a canary's, or one whose replica
    /// failed) is always verified.
    /// </summary>
    private void AcceptAlone(PendingTask pending, HelperState helper, byte[] output)
    {
        var helperId = helper.View.Id;
        if (!pending.Checking && !pending.LocalRunning)
        {
            var draw = _random.NextDouble();
            if (draw < _settings.SpotRate)
            {
                Stats.SpotChecks++;
                pending.SpotCheck = true;
                ComputeLocally(pending, fallback: false);
                return;
            }

            var verifyShare = AdaptiveReplication.Falling(helper.View.ValidRun, _settings.VerifyRun, _settings.VerifyRate);
            if (draw < _settings.SpotRate + verifyShare || !helper.View.Trusted || pending.Work.FoldsIntoWorld)
            {
                pending.Checking = true;
                _validator.Tell(new CheckResult(pending.Id, helperId, pending.Work.TaskType, pending.Work.Input, output), Self);
                return;
            }

            Stats.Unchecked++;
            _registry.Tell(new Judgement(helperId, JudgementKind.Accepted, pending.Work.Cost), Self);
            Deliver(pending, output, byHelper: true);
        }
    }

    /// <summary>
    /// The task's newcomer copy is late or failed, and the trusted helper it was copied from has
    /// answered: that answer is taken as it would have been without the copy, rather than the
    /// coordinator computing the task. The newcomer's answer, if it comes, is judged as a late copy.
    /// </summary>
    private bool SettleWithoutExplorer(PendingTask pending)
    {
        if (pending.Explorer < 0 || pending.Results.Count != 1 || pending.Results.ContainsKey(pending.Explorer)
            || pending.Checking || pending.LocalRunning)
        {
            return false;
        }

        var (helperId, output) = pending.Results.First();
        if (!_helpers.TryGetValue(helperId, out var helper) || !helper.View.Trusted)
        {
            return false;
        }

        pending.Replicas = 1;
        pending.Explorer = -1;
        AcceptAlone(pending, helper, output);
        return true;
    }

    private void CompareReplicas(PendingTask pending)
    {
        if (pending.Results.Count < 2)
        {
            return;
        }

        var first = pending.Results.Values.First();
        if (pending.Results.Values.All(output => output.AsSpan().SequenceEqual(first)))
        {
            foreach (var helper in pending.Results.Keys)
            {
                _registry.Tell(new Judgement(helper, JudgementKind.Validated, pending.Work.Cost), Self);
            }

            Stats.Quorums++;
            Deliver(pending, first, byHelper: true);
            return;
        }

        Stats.Settled++;
        ComputeLocally(pending, fallback: false);
    }

    private void OnChecked(ResultChecked check)
    {
        if (!_pending.TryGetValue(check.TaskId, out var pending) || pending.Done)
        {
            return;
        }

        pending.Checking = false;
        pending.CpuMicros += check.CpuMicros;
        Judge(check.HelperId, check.Verdict.Valid, pending, check.Verdict.Reason);
        if (check.Verdict.Valid)
        {
            Stats.Verified++;
            Deliver(pending, check.Output, byHelper: true);
            return;
        }

        pending.Results.Remove(check.HelperId);
        Reassign(pending);
    }

    private void Judge(long helperId, bool valid, PendingTask pending, string? reason)
    {
        _registry.Tell(new Judgement(helperId, valid ? JudgementKind.Validated : JudgementKind.Rejected, pending.IsCanary ? 0 : pending.Work.Cost), Self);
        if (!valid)
        {
            Stats.Rejected++;
            Distrust(helperId);
            _log.Warning("Rejected {0} result of helper #{1}: {2}", pending.Work.TaskType, helperId, reason);
            pending.Session?.Tell(new ResultRejected(pending.Work.Key, pending.Work.TaskType, helperId, reason ?? "invalid"), Self);
        }
    }

    /// <summary>
    /// A result proven wrong takes its helper out of this scheduler's choices at once: the
    /// registry quarantines it too, but its directory is published at most every so often, and a
    /// helper at the head of a busy session would meanwhile be given, and return, many more.
    /// </summary>
    private void Distrust(long helperId)
    {
        if (_helpers.TryGetValue(helperId, out var state))
        {
            state.View = state.View with { Quarantined = true, Trusted = false, ValidRun = 0, ReplicationRate = 1 };
        }
    }

    /// <summary>
    /// Hands the session its output. <paramref name="byHelper"/>: accepted from helpers without the
    /// coordinator computing it (a quorum, a verifier, or a trusted helper's word); otherwise the
    /// coordinator computed it. Results are compared byte for byte; only an output settled beyond
    /// doubt, kept as a future canary, is hashed.
    /// </summary>
    private void Deliver(PendingTask pending, byte[] output, bool byHelper)
    {
        if (byHelper)
        {
            Stats.HelperResults++;
        }

        RecordHeld(pending, output);
        var settled = !byHelper || pending.Results.Count >= 2;
        if (!pending.IsCanary && settled)
        {
            _canaries.Add(pending.Work.TaskType, pending.Work, ResultHash.Of(output), pending.Results.Keys, pending.Work.Input.Length);
        }

        pending.Session?.Tell(new WorkDone(pending.Work.Key, pending.Work.TaskType, output, byHelper, !byHelper, pending.CpuMicros, pending.BytesSent), Self);
        Finish(pending, settled ? output : null);
    }

    /// <summary>
    /// A copy answered after its task was settled. Late is a timeout; and when the task was settled
    /// beyond doubt (two helpers agreeing, or the coordinator computing it), a different answer is
    /// proven wrong, so a cheater cannot hide behind answering after the others. An answer accepted
    /// on a verifier's sample alone proves nothing against it.
    /// </summary>
    private void JudgeLateCopy(long helperId, TaskResult result, OpenCopy copy)
    {
        if (DateTime.UtcNow > copy.Deadline && !copy.TimedOut)
        {
            _registry.Tell(new Judgement(helperId, JudgementKind.TimedOut, 0), Self);
        }

        if (copy.Settled is not null && result.Status == TaskResultStatus.Ok && result.Output is not null && !result.Output.AsSpan().SequenceEqual(copy.Settled))
        {
            Stats.Rejected++;
            Distrust(helperId);
            _registry.Tell(new Judgement(helperId, JudgementKind.Rejected, 0), Self);
            _log.Warning("Rejected a late result of helper #{0} for task {1}: it differs from the settled answer", helperId, result.TaskId);
        }
    }

    private void Finish(PendingTask pending, byte[]? settled = null)
    {
        pending.Done = true;
        _pending.Remove(pending.Id);
        Timers.Cancel(("fallback", pending.Id));
        Timers.Cancel(("explorer", pending.Id));
        foreach (var helper in pending.SentAt.Keys)
        {
            Timers.Cancel(("hedge", pending.Id, helper));
            if (!pending.Finished.Contains(helper) && _helpers.TryGetValue(helper, out var state))
            {
                state.InFlight = Math.Max(0, state.InFlight - 1);
                if (!pending.IsCanary)
                {
                    // A local computation already judged the copies it overtook timed out.
                    _openCopies[(pending.Id, helper)] = new OpenCopy(pending.Work.Deadline, settled, TimedOut: pending.LocalRunning);
                    var wait = pending.Work.Deadline - DateTime.UtcNow;
                    Timers.StartSingleTimer(("copy", pending.Id, helper), new CopyDue(pending.Id, helper), wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
                }
            }
        }
    }

    private long HelperOf(IActorRef sender) => _helperIds.TryGetValue(sender, out var id) ? id : -1;
}
