using System.Diagnostics;
using System.Net;
using P2C2R.Coordinator.Scheduling;
using P2C2R.Coordinator.Sessions;
using P2C2R.EndToEnd.Tests.Cluster;
using P2C2R.GameSdk;
using P2C2R.Protocol.Contracts;
using P2C2R.Tasks;
using P2C2R.Tasks.Golden;
using Xunit.Abstractions;

namespace P2C2R.EndToEnd.Tests.Cheating;

/// <summary>
/// Twenty helpers, each its own actor system, key and loopback address, play one session at 30
/// ticks/s against a coordinator in this process; six of them cheat: random bytes, one value
/// wrong from the start, replayed outputs, one honest until it is trusted and then one value
/// wrong, and two colluders on one /24 returning the same wrong bytes for the same task (the
/// coordinator groups hosts by /24 here, so the two count as one host; every other helper has a
/// /24 of its own). What must hold: the world ends exactly as a helper-free replay of its
/// journalled inputs (no wrong result ever folded into it); the frames the gamer saw differ from
/// honest ones only where the trusted cheater's unreplicated, sampled-verified results slipped
/// through, within a stated bound; every cheater is quarantined, the trusted one within a stated
/// number of its wrong results; no honest helper is quarantined. The validation overhead is
/// measured and bounded.
/// </summary>
[Collection(nameof(Simulations))]
public sealed class CheaterSimulationTests(ITestOutputHelper output)
{
    private const int TicksPerSecond = 30;
    private const int HonestHelpers = 14;

    /// <summary>Results the trusted cheater computes honestly before it lies: enough for a run past trust-run (10), so it starts lying trusted.</summary>
    private const int HonestBeforeCheating = 40;

    /// <summary>
    /// Wrong frames the gamer may see. Only a trusted helper's result can reach a frame on its
    /// own word (an untrusted one's always waits for a second helper's), and a one-pixel lie
    /// escapes only when it is not replicated (rate max(0.05, 10/run)), not spot-checked (0.02) and
    /// the verifier's 5 % pixel sample misses it: each wrong band the trusted cheater returns is
    /// caught with probability ≥ ~0.3, so it gets a handful through before one is caught, plus what
    /// it held when it was stopped. Each accepted wrong band spoils one frame only: the next frame's
    /// finish upscales the same band as its previous frame, so its delta puts the gamer's picture
    /// right. A finish is checked whole whenever it is checked.
    /// </summary>
    private const int WrongFramesBound = 12;

    /// <summary>Wrong results the trusted cheater may return before it is quarantined (it is caught at once by any replicated or world task, or any finish checked).</summary>
    private const int WrongBeforeQuarantineBound = 12;

    /// <summary>Checks (helpers' second copies and canaries, the coordinator's verifications, settlements and spot checks) per useful task, at most.</summary>
    private const double OverheadBound = 1.6;

    [Fact]
    public async Task Twenty_helpers_six_cheating_no_wrong_result_folds_into_the_world_and_every_cheater_is_quarantined()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await SimulatedCluster.StartAsync(new()
        {
            ["p2c2r.coordinator.session.ticks-per-second"] = $"{TicksPerSecond}",
            ["p2c2r.coordinator.replicas.ipv4-prefix"] = "24",
        });
        var runners = new Dictionary<string, RecordingRunner>(StringComparer.Ordinal);
        string Add(string name, IPAddress address, RecordingRunner runner)
        {
            var account = cluster.AddHelperAt(name, address, runner, concurrency: 1).Account;
            runners[account] = runner;
            return account;
        }

        WarmUp();
        var honest = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 2; i++)
        {
            honest.Add(Add($"honest-{i}", Net(10 + i, 2), new RecordingRunner(Conduct.Honest)));
        }

        var trusted = Add("trusted-then-cheating", Net(33, 2), new RecordingRunner(Conduct.OneValueWrong, 4, HonestBeforeCheating));
        var random = Add("random", Net(30, 2), new RecordingRunner(Conduct.RandomBytes, 1));
        var subtle = Add("subtle", Net(31, 2), new RecordingRunner(Conduct.OneValueWrong, 2));
        var replayed = Add("replayed", Net(32, 2), new RecordingRunner(Conduct.Replayed, 3));
        var colluders = new[]
        {
            Add("colluder-a", Net(5, 2), new RecordingRunner(Conduct.OneValueWrong, 5)),
            Add("colluder-b", Net(5, 3), new RecordingRunner(Conduct.OneValueWrong, 5)),
        };
        var cheaters = new[] { random, subtle, replayed, trusted }.Concat(colluders).ToArray();
        var watch = cluster.Coordinator.System.ActorOf(StandingWatch.Props(cluster.Coordinator.Targets.Registry, runners));
        await cluster.Coordinator.WaitForHelpersAsync(8, TimeSpan.FromSeconds(15));

        // The first eight share the work while the would-be-trusted helper earns its run; the
        // other honest helpers join after, as a fleet grows.
        var gamer = await cluster.StartSessionAsync(TicksPerSecond);
        var played = Stopwatch.StartNew();
        var trustedRunner = runners[trusted];
        while (trustedRunner.Runs < HonestBeforeCheating && played.Elapsed < TimeSpan.FromSeconds(6))
        {
            await Task.Delay(50);
        }

        for (var i = 2; i < HonestHelpers; i++)
        {
            honest.Add(Add($"honest-{i}", Net(10 + i, 2), new RecordingRunner(Conduct.Honest)));
        }

        await cluster.Coordinator.WaitForHelpersAsync(20, TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(10) - played.Elapsed is { Ticks: > 0 } left ? left : TimeSpan.FromSeconds(2));
        var report = await EdgeParticipants.EndSessionAsync(gamer);
        var stats = await cluster.Coordinator.SchedulerStatsAsync();
        var standings = await StandingWatch.QueryAsync(watch);
        var directory = await cluster.Coordinator.DirectoryAsync();
        var session = await EndedSessionAsync(cluster.Coordinator, report);
        var keys = await SessionReplay.ReadKeysAsync(cluster.Coordinator.System, report.SessionId!, TimeSpan.FromSeconds(10));
        var replay = SessionReplay.Play(cluster.Settings.Game, Session.OptionsOf(report.SessionId!, TicksPerSecond, cluster.Settings), keys);
        var wrongTicks = FrameAudit.DifferingTicks(report, cluster.Settings, TicksPerSecond);

        var final = report.Final!;
        var trustedStanding = standings[trusted];
        var wrongFrameResults = trustedRunner.Wrong.Count(w => w.TaskType == TaskExecutors.Raytrace.Type.Id || w.TaskType == TaskExecutors.Finish.Type.Id);
        output.WriteLine($"{final}");
        output.WriteLine($"{stats with { FailoverMs = [], FailoverAt = [], FailoverSlackMs = [] }}");
        foreach (var (account, runner) in runners)
        {
            var standing = standings.GetValueOrDefault(account);
            output.WriteLine($"{standing?.Name,-22} {runner.Conduct,-14} ran {runner.Runs,4}, wrong {runner.Wrong.Count,3}, longest run {standing?.LongestRun,3}, trusted {standing?.EverTrusted}, quarantined {standing?.QuarantinedAt is not null} after {standing?.WrongBeforeQuarantine} wrong");
        }

        output.WriteLine($"wrong frames shown: {wrongTicks.Length} of {report.Updates.Length} (bound {WrongFramesBound}) at ticks [{string.Join(", ", wrongTicks)}]; trusted cheater's wrong band/finish results: {wrongFrameResults}");
        output.WriteLine($"trusted cheater quarantined after {trustedStanding.WrongBeforeQuarantine} wrong results (bound {WrongBeforeQuarantineBound}); {trustedRunner.Wrong.Count} returned in all");
        var overhead = ValidationOverhead.Of(stats, runners.Values, cluster.Settings.VerifySampleFraction);
        output.WriteLine(overhead.ToString());

        Assert.True(final.Ticks >= 60, $"only {final.Ticks} ticks in 10 s; {final}");
        Assert.Equal(Enumerable.Range(0, report.Frames.Length).Select(i => (long)i), report.Frames.Select(f => f.Tick));
        Assert.Equal(replay.Tick, session.Tick);
        Assert.Equal(replay.Digest(), session.WorldDigest);

        Assert.True(final.ValidationRejects > 0, $"no wrong result was caught; {final}");
        Assert.Equal(20, directory.Helpers.Count);
        Assert.All(directory.Helpers.Where(h => honest.Contains(h.Account)), h => Assert.False(h.Quarantined, $"honest {h.Name} quarantined"));
        Assert.All(directory.Helpers.Where(h => cheaters.Contains(h.Account)), h => Assert.True(h.Quarantined, $"{h.Name} not quarantined (reputation {h.Reputation:0.00}, run {h.ValidRun})"));
        Assert.All(cheaters, c => Assert.True(runners[c].Wrong.Count > 0, $"{standings[c].Name} never returned a wrong result"));

        Assert.True(trustedStanding.EverTrusted, $"the trusted cheater never became trusted (longest run {trustedStanding.LongestRun})");
        Assert.InRange(trustedStanding.WrongBeforeQuarantine, 1, WrongBeforeQuarantineBound);
        Assert.InRange(wrongTicks.Length, 0, Math.Min(WrongFramesBound, wrongFrameResults));
        Assert.All(colluders, c => Assert.Equal(0, standings[c].LongestRun));

        Assert.InRange(overhead.Ratio, 0, OverheadBound);
        output.WriteLine($"run time {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// Every task type executed, verified and corrupted once before the clock runs: the first
    /// task of a type otherwise takes a JIT's time, its copies are hedged, and a helper's first
    /// answers come in after their task was settled (and are then only judged late).
    /// </summary>
    private static void WarmUp()
    {
        foreach (var executor in TaskExecutors.All)
        {
            var input = GoldenInputs.For(executor.Type.Id);
            var honest = executor.Execute(input);
            executor.Verify(input, honest, new VerificationOptions(0.05, 1));
            SubtleCorruption.Corrupt(executor.Type.Id, input, honest, 1);
        }
    }

    /// <summary>127.0.<paramref name="network"/>.<paramref name="host"/>: a /24 of its own per network number.</summary>
    private static IPAddress Net(int network, int host) => new([127, 0, (byte)network, (byte)host]);

    /// <summary>The ended session as its gamer would query it: its final tick and world digest.</summary>
    private static async Task<SessionInfo> EndedSessionAsync(InProcessCoordinator coordinator, CollectorReport report)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var answer = await coordinator.Targets.Gamers.Ask<object>(new GamerCommand(report.Account!, new QuerySession(report.SessionId!)), TimeSpan.FromSeconds(5));
            if (answer is SessionInfo { Active: false } info && info.WorldDigest.Length > 0)
            {
                return info;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the ended session answered {answer}");
            }

            await Task.Delay(100);
        }
    }
}
