using P2C2R.Sandbox.Host;
using P2C2R.Tasks.Golden;

namespace P2C2R.Sandbox.Tests;

/// <summary>Real worker processes under real OS limits. Each test starts its own sandbox.</summary>
[Collection(nameof(WorkerProcesses))]
public sealed class SandboxTests
{
    private static readonly string Terrain = "world.terrain";

    [Fact]
    public async Task Golden_tasks_run_in_a_worker_with_its_limits_applied_and_no_network()
    {
        var options = new SandboxOptions { HeapLimitBytes = 200L << 20, CpuSecondsLimit = 300, OpenFilesLimit = 100 };
        await using var sandbox = await Sandbox.StartAsync(options);

        var ready = sandbox.WorkerLimits.Single();
        Assert.Equal(options.AddressSpaceLimitBytes, ready.AddressSpace);
        Assert.Equal(300, ready.CpuSeconds);
        Assert.Equal(100, ready.OpenFiles);
        Assert.InRange(ready.HeapLimit, 150L << 20, 200L << 20);
        Assert.Equal(NetworkIsolation.Unshare is not null, ready.NetworkIsolated);
        var limits = await File.ReadAllTextAsync($"/proc/{ready.ProcessId}/limits");
        Assert.Matches(@"Max cpu time\s+300\s+301", limits);
        Assert.Matches(@"Max open files\s+100\s+100", limits);

        foreach (var executor in TaskExecutors.All)
        {
            var outcome = await sandbox.ExecuteAsync(executor.Type.Id, GoldenInputs.For(executor.Type.Id), TimeSpan.FromSeconds(30));
            Assert.True(outcome.Succeeded, $"{executor.Type.Id}: {outcome}");
            Assert.Equal(GoldenHashes.ByTask[executor.Type.Id].Output, ResultHash.Of(outcome.Output));
            Assert.True(outcome.Elapsed > TimeSpan.Zero);
        }

        Assert.Equal(0, sandbox.Restarts);
    }

    [Fact]
    public async Task A_task_past_its_deadline_kills_only_the_worker_and_the_next_task_succeeds()
    {
        await using var sandbox = await Sandbox.StartAsync(new SandboxOptions());
        var first = sandbox.WorkerLimits.Single().ProcessId;

        var outcome = await sandbox.ExecuteAsync("render.raytrace", HeavyInputs.SlowRaytrace(), TimeSpan.FromMilliseconds(30));

        Assert.Equal(TaskOutcomeKind.Failed, outcome.Kind);
        Assert.Contains("deadline of 30 ms", outcome.Reason);
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(5));
        Assert.False(Directory.Exists($"/proc/{first}") && !File.ReadAllText($"/proc/{first}/stat").Contains(" Z "), "the worker must be gone");
        var next = await sandbox.ExecuteAsync(Terrain, GoldenInputs.For(Terrain), TimeSpan.FromSeconds(30));
        Assert.True(next.Succeeded, next.ToString());
        Assert.Equal(1, sandbox.Restarts);
        Assert.NotEqual(first, sandbox.WorkerLimits.Single().ProcessId);
    }

    [Fact]
    public async Task A_task_that_exhausts_the_heap_is_stopped_and_the_worker_comes_back()
    {
        await using var sandbox = await Sandbox.StartAsync(new SandboxOptions { HeapLimitBytes = 64L << 20 });

        var outcome = await sandbox.ExecuteAsync("render.upscale", HeavyInputs.HugeUpscale(), TimeSpan.FromSeconds(30));

        Assert.Equal(TaskOutcomeKind.Failed, outcome.Kind);
        Assert.Contains("heap limit of 64 MB", outcome.Reason);
        var next = await sandbox.ExecuteAsync(Terrain, GoldenInputs.For(Terrain), TimeSpan.FromSeconds(30));
        Assert.True(next.Succeeded, next.ToString());
        Assert.Equal(1, sandbox.Restarts);
    }

    [Fact]
    public async Task A_worker_past_its_cpu_seconds_is_killed_by_the_kernel_and_replaced()
    {
        await using var sandbox = await Sandbox.StartAsync(new SandboxOptions { CpuSecondsLimit = 1 });

        TaskOutcome? outcome = null;
        for (var attempt = 0; attempt < 20 && (outcome is null || outcome.Succeeded); attempt++)
        {
            outcome = await sandbox.ExecuteAsync("render.raytrace", HeavyInputs.SlowRaytrace(), TimeSpan.FromSeconds(30));
        }

        Assert.NotNull(outcome);
        Assert.Equal(TaskOutcomeKind.Failed, outcome.Kind);
        Assert.Contains("CPU time limit of 1 s", outcome.Reason);
        var next = await sandbox.ExecuteAsync(Terrain, GoldenInputs.For(Terrain), TimeSpan.FromSeconds(30));
        Assert.True(next.Succeeded, next.ToString());
    }

    [Fact]
    public async Task Invalid_unknown_and_oversized_inputs_are_refused_without_harming_the_worker()
    {
        await using var sandbox = await Sandbox.StartAsync(new SandboxOptions { MaxInputBytes = 1 << 20 });

        var invalid = await sandbox.ExecuteAsync(Terrain, new byte[] { 0x91, 0x01 });
        Assert.Equal(TaskOutcomeKind.InvalidInput, invalid.Kind);
        Assert.Contains("TerrainInput has 1 fields", invalid.Reason);

        var unknown = await sandbox.ExecuteAsync("crypto.mine", new byte[] { 0x90 });
        Assert.Equal(TaskOutcomeKind.InvalidInput, unknown.Kind);
        Assert.Contains("not compiled into this helper", unknown.Reason);

        var oversized = await sandbox.ExecuteAsync("codec.deflate", new byte[(1 << 20) + 1]);
        Assert.Contains("exceeds the limit of 1048576", oversized.Reason);

        Assert.True((await sandbox.ExecuteAsync(Terrain, GoldenInputs.For(Terrain))).Succeeded);
        Assert.Equal(0, sandbox.Restarts);
    }

    [Fact]
    public async Task Concurrent_tasks_spread_over_the_workers()
    {
        await using var sandbox = await Sandbox.StartAsync(new SandboxOptions { Workers = 2 });
        var input = GoldenInputs.For("ai.pathfind");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => sandbox.ExecuteAsync("ai.pathfind", input, TimeSpan.FromSeconds(30))));

        Assert.All(outcomes, outcome => Assert.Equal(GoldenHashes.ByTask["ai.pathfind"].Output, ResultHash.Of(outcome.Output)));
        Assert.Equal(2, sandbox.WorkerLimits.Select(w => w.ProcessId).Distinct().Count());
    }
}

[CollectionDefinition(nameof(WorkerProcesses), DisableParallelization = true)]
public sealed class WorkerProcesses;
