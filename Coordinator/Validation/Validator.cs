using Akka.Actor;
using P2C2R.Coordinator.Accounting;
using P2C2R.Tasks;

namespace P2C2R.Coordinator.Validation;

/// <summary>Scheduler → validator: check one helper's output with the task type's verifier.</summary>
public sealed record CheckResult(long TaskId, long HelperId, string TaskType, byte[] Input, byte[] Output);

/// <summary>Validator → scheduler: what the verifier concluded, and the CPU it took.</summary>
public sealed record ResultChecked(long TaskId, long HelperId, byte[] Output, Verdict Verdict, long CpuMicros = 0);

/// <summary>
/// Runs verifiers, off the scheduler's mailbox so dispatching never waits on a check. Each check
/// runs as its own thread-pool work item, so checks of many sessions proceed in parallel and a
/// burst of them never holds one thread (and the actors queued behind it) for the whole burst.
/// Each samples units with a fresh seed the helper cannot predict; a result that does not even
/// decode is rejected like a wrong one. It holds no state worth keeping, so its supervisor simply
/// restarts it.
/// </summary>
public sealed class Validator : ReceiveActor
{
    private readonly Random _seeds = new();

    public Validator(CoordinatorSettings settings) => Receive<CheckResult>(check =>
    {
        var options = new VerificationOptions(settings.VerifySampleFraction, (ulong)_seeds.NextInt64());
        var (replyTo, self) = (Sender, Self);
        ThreadPool.UnsafeQueueUserWorkItem(
            static state =>
            {
                var started = ThreadCpu.NowMicros();
                var verdict = Verify(state.check, state.options);
                state.replyTo.Tell(new ResultChecked(state.check.TaskId, state.check.HelperId, state.check.Output, verdict, ThreadCpu.NowMicros() - started), state.self);
            },
            (check, options, replyTo, self),
            preferLocal: false);
    });

    /// <summary>
    /// The verdict on one result. A verifier that throws cannot vouch for the result, so it is
    /// rejected (the task goes elsewhere) rather than let the exception end the process, as an
    /// unhandled one on a thread-pool thread would.
    /// </summary>
    private static Verdict Verify(CheckResult check, VerificationOptions options)
    {
        if (!TaskExecutors.TryGet(check.TaskType, out var executor))
        {
            return Verdict.Reject($"unknown task type {check.TaskType}");
        }

        try
        {
            return executor.Verify(check.Input, check.Output, options);
        }
        catch (Exception error)
        {
            return Verdict.Reject($"the {check.TaskType} verifier failed: {error.Message}");
        }
    }
}
