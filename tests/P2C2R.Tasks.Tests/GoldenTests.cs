using P2C2R.Tasks.Golden;

namespace P2C2R.Tasks.Tests;

public sealed class GoldenTests
{
    public static TheoryData<string> TaskIds => [.. TaskExecutors.All.Select(executor => executor.Type.Id)];

    [Fact]
    public void Ten_executors_with_distinct_ids_each_have_a_pinned_golden_hash()
    {
        Assert.Equal(10, TaskExecutors.All.Count);
        Assert.Equal(10, TaskExecutors.All.Select(e => e.Type.Id).Distinct().Count());
        Assert.All(TaskExecutors.All, e => Assert.True(GoldenHashes.ByTask.ContainsKey(e.Type.Id), e.Type.Id));
    }

    [Theory]
    [MemberData(nameof(TaskIds))]
    public void Golden_input_gives_the_pinned_output_hash(string taskId)
    {
        TaskExecutors.TryGet(taskId, out var executor);
        var input = GoldenInputs.For(taskId);
        var (inputHash, outputHash) = GoldenHashes.ByTask[taskId];

        Assert.Equal(inputHash, ResultHash.Of(input));
        var output = executor.Execute(input);
        Assert.Equal(outputHash, ResultHash.Of(output));
        Assert.Equal(output, executor.Execute(input));
    }

    [Theory]
    [MemberData(nameof(TaskIds))]
    public void Honest_output_passes_full_and_sampled_verification(string taskId)
    {
        TaskExecutors.TryGet(taskId, out var executor);
        var input = GoldenInputs.For(taskId);
        var output = executor.Execute(input);

        Assert.True(executor.Verify(input, output, VerificationOptions.Full).Valid);
        for (ulong seed = 0; seed < 5; seed++)
        {
            var verdict = executor.Verify(input, output, new VerificationOptions(0.05, seed));
            Assert.True(verdict.Valid, verdict.Reason);
        }
    }

    [Theory]
    [MemberData(nameof(TaskIds))]
    public void Cost_is_known_before_running_and_positive(string taskId)
    {
        TaskExecutors.TryGet(taskId, out var executor);
        Assert.True(executor.EstimateCost(GoldenInputs.For(taskId)) > 0);
    }
}
