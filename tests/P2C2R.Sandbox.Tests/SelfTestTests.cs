using System.Diagnostics;
using System.Text.Json;
using P2C2R.PeerNode.SelfTest;
using P2C2R.Tasks;
using P2C2R.Tasks.Golden;

namespace P2C2R.Sandbox.Tests;

[Collection(nameof(WorkerProcesses))]
public sealed class SelfTestTests
{
    [Fact]
    public async Task PeerNode_selftest_json_reports_every_executor_ok_with_its_golden_hash_and_the_frame_time()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PeerNode.dll"));
        info.ArgumentList.Add("selftest");
        info.ArgumentList.Add("--json");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, await stderr + await stdout);
        using var json = JsonDocument.Parse(await stdout);
        var root = json.RootElement;
        var executors = root.GetProperty("executors").EnumerateArray().ToArray();
        Assert.Equal(TaskExecutors.All.Count, executors.Length);
        foreach (var executor in executors)
        {
            var id = executor.GetProperty("id").GetString()!;
            Assert.True(executor.GetProperty("ok").GetBoolean(), id);
            Assert.Equal(GoldenHashes.ByTask[id].Output, executor.GetProperty("sha256").GetString());
            Assert.True(executor.GetProperty("ms").GetDouble() > 0, id);
        }

        Assert.True(root.GetProperty("frameMs").GetDouble() > 0);
        Assert.True(root.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public void A_report_with_one_mismatch_is_not_ok_and_says_so()
    {
        var report = new SelfTestReport(
            [new ExecutorResult("world.terrain", true, 1.5, "ab", null), new ExecutorResult("codec.deflate", false, 2, "cd", "expected ef")],
            4.2, null);

        Assert.False(report.Ok);
        Assert.Contains("FAIL", report.ToText());
        using var json = JsonDocument.Parse(report.ToJson());
        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("expected ef", json.RootElement.GetProperty("executors")[1].GetProperty("error").GetString());
    }
}
