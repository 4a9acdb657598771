using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using P2C2R.Edge.Identity;
using P2C2R.EndToEnd.Tests.Postgres;
using P2C2R.Protocol.Identity;
using Xunit.Abstractions;

namespace P2C2R.EndToEnd.Tests;

/// <summary>
/// Coordinator nodes are interchangeable: three coordinator processes in one Akka.Cluster on one
/// PostgreSQL, helpers and three gamers spread over them (each dials a node of its own first, the
/// others after). The node hosting a session is killed (SIGKILL) or stopped (SIGTERM) mid-session,
/// and no session is lost: each goes on on a survivor, a gamer whose connection died with the node
/// dials the next of its list and resumes the very session, the picture stands still for seconds
/// at most (barely for sessions hosted elsewhere), and every world at the end equals a replay of
/// its journalled inputs, billed once per tick.
/// </summary>
[Collection(nameof(Simulations))]
public sealed class ClusterNodeLossTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private const int Nodes = 3;
    private const int Gamers = 3;
    // Three coordinators, the helpers and three gamers share two cores with the rest of the suite:
    // 10 ticks/s keeps the sessions near real time (at 20 they ran at 6-13 frames/s), so a stall
    // measured is the failover's, not the machine's.
    private const int TicksPerSecond = 10;
    // Long enough that, with the slowest start seen under the whole suite's load, the node is
    // still lost mid-session (at most PlaySeconds - 15 s after the gamers start).
    private const int PlaySeconds = 40;
    private const long ChargePerSecond = 1000;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task A_node_killed_mid_session_loses_no_session_and_its_gamers_resume_on_another_node()
    {
        Skip.If(postgres.Server is null, postgres.Unavailable);
        using var processes = new ProcessSet("p2c2r-node-killed-");
        // A survivor takes the lost node's sessions over, replaying their journals while it plays
        // its own: under the whole suite's load its own gamers wait as long as in a graceful stop.
        await PlayAndLoseAHostAsync(processes, helpers: 3, "SIGKILL", hostGapMs: 10_000, otherGapMs: 5_000, async node =>
        {
            node.Kill();
            await node.WaitForExitAsync();
        });
    }

    [SkippableFact]
    public async Task A_node_stopped_gracefully_hands_its_sessions_over_with_barely_a_stall()
    {
        Skip.If(postgres.Server is null, postgres.Unavailable);
        using var processes = new ProcessSet("p2c2r-node-stopped-");
        // The issue asks for a pause under 2 s: the cluster harness measures median 0.8 s and at
        // most 1.3 s (docs/BENCHMARKS.md). Here three nodes, three helpers and three gamers share
        // two cores with the rest of the suite, and pauses up to 4.5 s were seen: the bound here
        // is what holds under that load.
        await PlayAndLoseAHostAsync(processes, helpers: 3, "SIGTERM", hostGapMs: 8_000, otherGapMs: 5_000, async node =>
        {
            var (exitCode, said) = await processes.RunProgramAsync("kill", ["-TERM", $"{node.Id}"], TimeSpan.FromSeconds(10));
            Assert.True(exitCode == 0, said);
            await node.WaitForExitAsync();
        });
    }

    /// <summary>
    /// Starts the nodes, <paramref name="helpers"/> helpers and the gamers, waits until every
    /// session plays, then stops (<paramref name="stop"/>) the node hosting a session, preferably
    /// one whose gamer is connected to that very node (so the gamer must reconnect and resume),
    /// and checks every gamer's play and every session's end. A gamer's longest stall between two
    /// frames stays under <paramref name="hostGapMs"/> when its session was on the lost node or it
    /// was connected to it, under <paramref name="otherGapMs"/> otherwise.
    /// </summary>
    private async Task PlayAndLoseAHostAsync(ProcessSet processes, int helpers, string how, double hostGapMs, double otherGapMs, Func<Process, Task> stop)
    {
        // Helpers on 127.0.0.2… count as hosts of their own (as in start.sh); a session snapshots
        // every 3 s of play, so the node taking it over replays at most that much of its journal.
        var nodes = await CoordinatorNodes.StartAsync(processes, await postgres.NewDatabaseAsync(), Nodes, "--config", await processes.WriteConfigAsync("coordinator.conf",
            $"p2c2r.coordinator {{ replicas.ipv4-prefix = 32, session {{ snapshot-every-ticks = {3 * TicksPerSecond}, charge-per-second = {ChargePerSecond} }} }}"));
        var helperConfig = await processes.WriteConfigAsync("helper.conf", "p2c2r.peer { concurrency = 1, selftest-on-start = off }");
        var started = Enumerable.Range(1, helpers).Select(h => processes.StartHelper(nodes.EdgesFrom((h - 1) % Nodes), h, "--config", helperConfig)).ToArray();
        // Sessions play without helpers too (the coordinator computes what none does), so helpers
        // the cluster has not taken in by then are reported, not waited for.
        bool Accepted(Process helper) => processes.Output(helper).Contains("Accepted by the coordinator", StringComparison.Ordinal);
        await EventuallyAsync(() => started.All(Accepted), TimeSpan.FromSeconds(15));
        output.WriteLine($"helpers accepted within 15 s: {started.Count(Accepted)} of {helpers}");

        var playing = Stopwatch.StartNew();
        var gamers = Enumerable.Range(0, Gamers).Select(i => StartGamer(processes, nodes, i)).ToArray();
        var sessions = new string?[Gamers];
        await processes.WaitForAsync(() => SessionsStarted(processes, nodes, gamers, sessions), Wait, "every gamer's session starting");
        // Long enough for every gamer to be seeing frames, so a stall is measured from one.
        await Task.Delay(TimeSpan.FromSeconds(6));
        var hosts = gamers.Select(g => nodes.HostOf(sessions[g.Index]!)).ToArray();
        var victim = gamers.FirstOrDefault(g => hosts[g.Index] == g.First) ?? gamers[0];
        var lost = hosts[victim.Index];
        output.WriteLine($"{how} to node {lost.Index}, which hosts the session of {victim.Name}, {playing.Elapsed.TotalSeconds:0.0} s after the gamers started");
        Assert.True(playing.Elapsed < TimeSpan.FromSeconds(PlaySeconds - 15), $"the sessions took {playing.Elapsed} to start: too late to lose a node mid-session");

        await stop(lost.Process).WaitAsync(Wait);
        await Task.WhenAll(gamers.Select(g => g.Process.WaitForExitAsync())).WaitAsync(TimeSpan.FromSeconds(PlaySeconds + 30));
        var reports = gamers.Select(g => Report(processes, g)).ToArray();
        foreach (var g in gamers)
        {
            output.WriteLine($"{g.Name}: connected to node {g.First.Index} first, session {sessions[g.Index]} on node {hosts[g.Index].Index}; exit {g.Process.ExitCode}; {reports[g.Index]}");
        }

        foreach (var g in gamers.OrderBy(g => g != victim))
        {
            var report = reports[g.Index] ?? throw new InvalidOperationException($"{g.Name} printed no report:\n{processes.Output(g.Process)}");
            var hostLost = hosts[g.Index] == lost;
            Assert.True(g.Process.ExitCode == 0, $"{g.Name} exited with {g.Process.ExitCode}:\n{processes.Output(g.Process)}");
            Assert.Equal(sessions[g.Index], report.GetProperty("sessionId").GetString());
            Assert.True(g.First != lost || report.GetProperty("resumes").GetInt32() >= 1,
                $"{g.Name} lost its connection with node {lost.Index} and did not resume its session there or elsewhere: {report}\n{processes.Output(g.Process)}");
            // A gamer connected to the lost node reconnects elsewhere and resumes, which waits for
            // the cluster to take the node out as a lost session does.
            var touched = hostLost || g.First == lost;
            var gap = report.GetProperty("longestFrameGapMs").GetDouble();
            Assert.True(gap < (touched ? hostGapMs : otherGapMs),
                $"{g.Name}, whose session was {(hostLost ? "on" : "not on")} the lost node and who was {(g.First == lost ? "" : "not ")}connected to it, saw no frame for {gap:0} ms: {report}\n{processes.Output(g.Process)}");
        }

        foreach (var g in gamers)
        {
            await AssertEndedAsReplayedAndBilledAsync(processes, g, sessions[g.Index]!, reports[g.Index]!.Value);
        }
    }

    /// <summary>
    /// The session ended where its gamer last saw it, its world equals a replay of its journalled
    /// inputs from tick 0 (<c>GamerClient replay</c>, every task computed locally; no frame is
    /// rendered, only the world's digest compared), and its gamer paid every tick exactly once:
    /// a session run again on another node after its node died never replays a tick its journal
    /// does not hold, nor bills a tick twice.
    /// </summary>
    private static async Task AssertEndedAsReplayedAndBilledAsync(ProcessSet processes, Gamer gamer, string sessionId, JsonElement report)
    {
        var status = await JsonAsync(processes, ["session", "status", sessionId, "--json", .. gamer.Options]);
        var replay = await JsonAsync(processes, ["replay", sessionId, "--from", $"{long.MaxValue}", "--json", .. gamer.Options]);
        var balance = await JsonAsync(processes, ["balance", "--json", .. gamer.Options]);

        var ticks = status.GetProperty("tick").GetInt64();
        Assert.False(status.GetProperty("active").GetBoolean(), status.ToString());
        Assert.True(ticks - report.GetProperty("lastTick").GetInt64() <= TicksPerSecond, $"{gamer.Name} saw frames up to tick {report.GetProperty("lastTick")} of {ticks}");
        Assert.Equal(ticks, replay.GetProperty("ticks").GetInt64());
        Assert.Equal(replay.GetProperty("worldDigest").GetString(), status.GetProperty("worldDigest").GetString());
        Assert.Equal(-(ticks * 1000 / TicksPerSecond * ChargePerSecond / 1000), balance.GetProperty("credits").GetInt64());
    }

    /// <summary>Gamer <paramref name="index"/> (from 0) with a key of its own (an account of its own), dialing node index mod <see cref="Nodes"/> first.</summary>
    private static Gamer StartGamer(ProcessSet processes, CoordinatorNodes nodes, int index)
    {
        var key = Path.Combine(processes.Folder, $"gamer-{index + 1}.key");
        using var identity = IdentityStore.LoadOrCreate(key);
        string[] options = ["--coordinator", nodes.EdgesFrom(index % Nodes), "--identity", key];
        var process = processes.Start("GamerClient.dll",
            ["play", "--headless", "--autopilot", "--seconds", $"{PlaySeconds}", "--json", "--ticks", $"{TicksPerSecond}", .. options]);
        return new Gamer(index, nodes.All[index % Nodes], EdgeIdentityProof.AccountOf(identity.ExportSubjectPublicKeyInfo()), options, process);
    }

    /// <summary>
    /// Fills in each gamer's session from the line "Session ID started for ACCOUNT" a node logs;
    /// a gamer that exits before its session started fails the wait at once, with what it said.
    /// </summary>
    private static bool SessionsStarted(ProcessSet processes, CoordinatorNodes nodes, Gamer[] gamers, string?[] sessions)
    {
        foreach (var g in gamers.Where(g => sessions[g.Index] is null))
        {
            if (g.Process.HasExited)
            {
                throw new InvalidOperationException($"{g.Name} exited with {g.Process.ExitCode} before its session started:\n{processes.Output(g.Process)}\n{nodes.Output()}");
            }

            sessions[g.Index] = nodes.All
                .Select(n => Regex.Match(processes.Output(n.Process), $@"Session (\S+) started for {g.Account}"))
                .FirstOrDefault(m => m.Success)?.Groups[1].Value;
        }

        return sessions.All(s => s is not null);
    }

    /// <summary>The JSON report <c>play --json</c> printed, if it got that far.</summary>
    private static JsonElement? Report(ProcessSet processes, Gamer gamer)
    {
        if (processes.Output(gamer.Process).Split('\n').LastOrDefault(line => line.StartsWith('{')) is not { } line)
        {
            return null;
        }

        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }

    /// <summary>Waits until <paramref name="condition"/> holds or <paramref name="timeout"/> has passed, whichever comes first.</summary>
    private static async Task EventuallyAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }

    private static async Task<JsonElement> JsonAsync(ProcessSet processes, string[] arguments)
    {
        var (exitCode, said) = await processes.RunAsync("GamerClient.dll", arguments, Wait);
        Assert.True(exitCode == 0, $"GamerClient {string.Join(' ', arguments.Take(3))} exited with {exitCode}: {said}");
        using var document = JsonDocument.Parse(ProcessSet.JsonLine(said));
        return document.RootElement.Clone();
    }

    /// <summary>A gamer process (<see cref="Index"/> from 0): the node it dials first, its account, and the options every GamerClient command of its account takes.</summary>
    private sealed record Gamer(int Index, NodeProcess First, string Account, string[] Options, Process Process)
    {
        public string Name => $"gamer {Index + 1}";
    }
}
