using System.Diagnostics;
using System.Text.Json;
using P2C2R.EndToEnd.Tests.Cluster;

namespace P2C2R.EndToEnd.Tests.CrossLanguage;

/// <summary>
/// docs/PROTOCOL.md is enough to write a helper: <c>helper.mjs</c>, JavaScript written from it
/// alone, joins a real coordinator's edge three times over beside a .NET helper. Honest, it
/// computes <c>render.upscale</c> bit for bit as the reference does and earns validated credits;
/// lying, it is caught and quarantined; handing everything back, its work goes elsewhere. The
/// coordinator ends frame chains with <c>render.upscale</c> and <c>codec.deflate</c>
/// (<c>game.frame.finish = upscale-then-deflate</c>), as it would for a fleet of helpers written
/// before <c>render.finish</c>. The session's frames stay exact throughout. The test installs the helper's one dependency itself,
/// in a temporary copy, so the repository holds no <c>node_modules</c>.
/// </summary>
[Collection(nameof(Simulations))]
public sealed class CrossLanguageTests
{
    [SkippableFact]
    public async Task A_javascript_helper_registers_does_real_work_and_is_caught_when_it_lies()
    {
        var nodeMissing = NodeMissing();
        Skip.If(nodeMissing is not null, nodeMissing);
        using var js = new ProcessSet("p2c2r-js-");
        foreach (var file in new[] { "helper.mjs", "package.json" })
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "CrossLanguage", file), Path.Combine(js.Folder, file));
        }

        var install = await js.RunProgramAsync("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error"], TimeSpan.FromSeconds(180));
        Assert.True(install.ExitCode == 0, "npm install failed: " + install.Output);

        await using var cluster = await SimulatedCluster.StartAsync(new()
        {
            ["p2c2r.coordinator.session.ticks-per-second"] = "30",
            ["p2c2r.coordinator.game.frame.finish"] = "upscale-then-deflate",
        });
        cluster.AddHelper("dotnet-1");
        var port = $"{cluster.Endpoint.Port}";
        var honest = js.StartProgram("node", ["helper.mjs", "127.0.0.1", port, "js-honest", "honest", $"{cluster.NextAddress()}"]);
        var wrong = js.StartProgram("node", ["helper.mjs", "127.0.0.1", port, "js-wrong", "wrong", $"{cluster.NextAddress()}"]);
        var refuse = js.StartProgram("node", ["helper.mjs", "127.0.0.1", port, "js-refuse", "refuse", $"{cluster.NextAddress()}"]);
        await cluster.Coordinator.WaitForHelpersAsync(4, TimeSpan.FromSeconds(20));
        var gamer = await cluster.StartSessionAsync(30);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var report = await EdgeParticipants.EndSessionAsync(gamer);
        await js.WaitForAsync(() => Credits(js, honest).Validated > 0, TimeSpan.FromSeconds(5), "validated credits for the honest JavaScript helper");
        var directory = await cluster.Coordinator.DirectoryAsync();
        var stats = await cluster.Coordinator.SchedulerStatsAsync();

        var helpers = directory.Helpers.ToDictionary(h => h.Name);
        Assert.All(new[] { honest, wrong, refuse }, process => Assert.Contains(js.JsonLines(process), e => e.TryGetProperty("accepted", out _)));
        Assert.Contains(Tasks(js, honest), t => t.Type == "render.upscale" && t.Status == 0);
        Assert.Equal(0, Credits(js, honest).Rejected);
        Assert.False(helpers["js-honest"].Quarantined, $"the honest JavaScript helper was quarantined: {helpers["js-honest"]}");
        Assert.True(Credits(js, wrong).Rejected > 0, js.Output(wrong));
        Assert.True(helpers["js-wrong"].Quarantined, $"the lying JavaScript helper is not quarantined: {helpers["js-wrong"]}");
        Assert.False(helpers["dotnet-1"].Quarantined);
        // A refused task goes to another helper, or to the coordinator when none is free (on a
        // loaded machine the .NET helper and the honest one are often both busy); either way every
        // frame below is exact.
        Assert.Contains(Tasks(js, refuse), t => t.Status == 3);
        Assert.True(stats.Reassigned + stats.LocalFallbacks > 0, $"{stats}");
        var final = report.Final!;
        Assert.True(final.ValidationRejects > 0, $"{final}");
        Assert.Equal(Enumerable.Range(0, report.Frames.Length).Select(i => (long)i), report.Frames.Select(f => f.Tick));
        ReferenceFrames.AssertExact(report, cluster.Settings, 30);
    }

    /// <summary>Why JavaScript helpers cannot run here, or null when node runs.</summary>
    private static string? NodeMissing()
    {
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            return node.WaitForExit(TimeSpan.FromSeconds(10)) && node.ExitCode == 0 ? null : "node --version failed: Node.js is needed to run the JavaScript helper";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "Node.js is not installed (no node on the PATH): the JavaScript helper cannot run";
        }
    }

    /// <summary>The last <c>helper.credit</c> the helper printed: credits, validated and rejected results.</summary>
    private static (long Credits, long Validated, long Rejected) Credits(ProcessSet js, Process helper) =>
        js.JsonLines(helper).LastOrDefault(e => e.TryGetProperty("credits", out _)) is { ValueKind: JsonValueKind.Object } last
            ? (last.GetProperty("credits").GetInt64(), last.GetProperty("validated").GetInt64(), last.GetProperty("rejected").GetInt64())
            : (0, 0, 0);

    /// <summary>Every task the helper answered: its type and the status it answered with.</summary>
    private static IEnumerable<(string Type, int Status)> Tasks(ProcessSet js, Process helper) =>
        js.JsonLines(helper).Where(e => e.TryGetProperty("task", out _)).Select(e => (e.GetProperty("type").GetString()!, e.GetProperty("status").GetInt32()));
}
