using P2C2R.Actors;
using P2C2R.Tasks;

namespace P2C2R.Coordinator.Validation;

/// <summary>Scheduler → validator: check one helper's output with the task type's verifier.</summary>
public sealed record CheckResult(long TaskId, long HelperId, string TaskType, byte[] Input, byte[] Output);

/// <summary>Validator → scheduler: what the verifier concluded.</summary>
public sealed record ResultChecked(long TaskId, long HelperId, byte[] Output, Verdict Verdict);

/// <summary>
/// Runs verifiers, off the scheduler's mailbox so dispatching never waits on a check. Each check
/// samples units with a fresh seed the helper cannot predict; a result that does not even decode
/// is rejected like a wrong one.
/// </summary>
public sealed class Validator : ReceiveActor
{
    private readonly Random _seeds = new();

    public Validator(CoordinatorSettings settings) => Receive<CheckResult>(check =>
    {
        Verdict verdict;
        if (!TaskExecutors.TryGet(check.TaskType, out var executor))
        {
            verdict = Verdict.Reject($"unknown task type {check.TaskType}");
        }
        else
        {
            var options = new VerificationOptions(settings.VerifySampleFraction, (ulong)_seeds.NextInt64());
            verdict = executor.Verify(check.Input, check.Output, options);
        }

        Sender.Tell(new ResultChecked(check.TaskId, check.HelperId, check.Output, verdict), Self);
    });
}
