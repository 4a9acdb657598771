using System.Diagnostics;
using P2C2R.Coordinator.Scheduling;
using P2C2R.Tasks;

namespace P2C2R.EndToEnd.Tests.Cheating;

/// <summary>
/// What validating helpers' results cost, in task computations, against the useful work (one
/// computation per task the sessions asked for, <see cref="SchedulerStats.Tasks"/>). Helpers
/// spend one extra copy per hash quorum and per disagreement, and one per canary; the coordinator
/// computes each disagreement and spot check in full, and each verification costs a fraction of a
/// computation, timed here as verify ÷ execute on real inputs of each type the fleet ran,
/// weighted by how often the fleet ran it. Verifications are counted as the verified results
/// plus every rejection (an upper bound: some rejections are settlements and canaries).
/// </summary>
public sealed record ValidationOverhead(long Useful, long HelperChecks, long CoordinatorComputes, long Verifications, double VerifyCost, long HelperRuns)
{
    public double CoordinatorChecks => CoordinatorComputes + Verifications * VerifyCost;

    public double Ratio => (HelperChecks + CoordinatorChecks) / Math.Max(1, Useful);

    public static ValidationOverhead Of(SchedulerStats stats, IEnumerable<RecordingRunner> runners, double sampleFraction)
    {
        var fleet = runners.ToArray();
        var runsByType = fleet.SelectMany(r => r.RunsByType).GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(p => p.Value), StringComparer.Ordinal);
        var inputs = fleet.Where(r => r.Conduct == Conduct.Honest).SelectMany(r => r.LastInputs)
            .GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        double execute = 0, verify = 0;
        foreach (var (type, input) in inputs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var (e, v) = Time(type, input, sampleFraction);
            var runs = runsByType.GetValueOrDefault(type);
            execute += runs * e;
            verify += runs * v;
        }

        return new ValidationOverhead(
            stats.Tasks,
            stats.Quorums + stats.Settled + stats.Canaries,
            stats.Settled + stats.SpotChecks,
            stats.Verified + stats.Rejected,
            execute > 0 ? verify / execute : 1,
            fleet.Sum(r => r.Runs));
    }

    public override string ToString() =>
        $"validation overhead {Ratio:0.000} computations per useful one: helpers {HelperChecks} extra copies and canaries, " +
        $"coordinator {CoordinatorComputes} full computations + {Verifications} verifications at {VerifyCost:0.000} of a computation each, " +
        $"over {Useful} tasks (helpers ran {HelperRuns} copies in all, {(double)HelperRuns / Math.Max(1, Useful):0.00} per task)";

    /// <summary>Median microseconds of one execution and one sampled verification of <paramref name="input"/>.</summary>
    private static (double Execute, double Verify) Time(string type, byte[] input, double sampleFraction)
    {
        TaskExecutors.TryGet(type, out var executor);
        var output = executor.Execute(input);
        var executions = new double[5];
        var verifications = new double[5];
        for (var i = 0; i < executions.Length; i++)
        {
            var clock = Stopwatch.StartNew();
            executor.Execute(input);
            executions[i] = clock.Elapsed.TotalMicroseconds;
            clock.Restart();
            executor.Verify(input, output, new VerificationOptions(sampleFraction, (ulong)i + 1));
            verifications[i] = clock.Elapsed.TotalMicroseconds;
        }

        Array.Sort(executions);
        Array.Sort(verifications);
        return (executions[2], verifications[2]);
    }
}
