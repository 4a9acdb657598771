using P2C2R.Sandbox;
using P2C2R.Tasks;
using P2C2R.Tasks.Golden;

namespace P2C2R.PeerNode.SelfTest;

/// <summary>
/// Runs every executor on its golden input inside the sandbox and compares the output hash with
/// the pinned one. Each runs five times and the best time counts, so JIT warm-up is not scored;
/// all outputs must agree. Then a whole frame is timed in the worker.
/// </summary>
public static class SelfTestRunner
{
    private const int Runs = 12;
    private const int Frames = 30;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task<SelfTestReport> RunAsync(SandboxOptions options, CancellationToken cancellation)
    {
        await using var sandbox = await Sandbox.Sandbox.StartAsync(options with { Workers = 1 }, cancellation: cancellation);
        var limits = sandbox.WorkerLimits.FirstOrDefault();
        var results = new List<ExecutorResult>();
        foreach (var executor in TaskExecutors.All)
        {
            results.Add(await RunOneAsync(sandbox, executor.Type.Id, cancellation));
        }

        var frame = await sandbox.BenchmarkFrameAsync(Frames, Deadline, cancellation);
        return new SelfTestReport(results, frame.Succeeded ? frame.Elapsed.TotalMilliseconds : 0, limits);
    }

    private static async Task<ExecutorResult> RunOneAsync(Sandbox.Sandbox sandbox, string taskId, CancellationToken cancellation)
    {
        var input = GoldenInputs.For(taskId);
        var expected = GoldenHashes.ByTask[taskId].Output;
        var best = double.MaxValue;
        string? hash = null;
        for (var run = 0; run < Runs; run++)
        {
            var outcome = await sandbox.ExecuteAsync(taskId, input, Deadline, cancellation);
            if (!outcome.Succeeded)
            {
                return new ExecutorResult(taskId, false, 0, "", outcome.Reason);
            }

            var runHash = ResultHash.Of(outcome.Output);
            if (hash is not null && runHash != hash)
            {
                return new ExecutorResult(taskId, false, 0, runHash, "two runs of the same input gave different outputs");
            }

            hash = runHash;
            best = Math.Min(best, outcome.Elapsed.TotalMilliseconds);
        }

        return hash == expected
            ? new ExecutorResult(taskId, true, best, hash, null)
            : new ExecutorResult(taskId, false, best, hash!, $"expected {expected}");
    }
}
