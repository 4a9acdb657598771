using Akka.Configuration;
using P2C2R.Coordinator;
using P2C2R.EndToEnd.Tests.Cluster;

namespace P2C2R.EndToEnd.Tests.Postgres;

/// <summary>
/// The coordinator executable on <c>--store postgres</c>, the store several coordinators share:
/// it plays a session with a helper, is killed with SIGKILL, and started again on the same
/// database brings the session back; its gamer resumes on its own into the very same world (every
/// frame before and after the restart equals the helper-free reference, tick for tick).
/// </summary>
[Collection(nameof(Simulations))]
public sealed class PostgresTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const int TicksPerSecond = 30;

    [SkippableFact]
    public async Task A_coordinator_on_postgres_plays_a_session_and_recovers_it_after_a_crash()
    {
        Skip.If(postgres.Server is null, postgres.Unavailable);
        using var processes = new ProcessSet("p2c2r-postgres-");
        var port = ProcessSet.FreePort();
        string[] store = ["--store", "postgres", "--postgres", postgres.Server.ConnectionString];
        var coordinator = processes.StartCoordinator(port, store);
        await using var participants = new EdgeParticipants(new("127.0.0.1", port));
        participants.AddHelper("helper-1");
        var gamer = await participants.StartSessionAsync(TicksPerSecond);
        var before = await EdgeParticipants.WaitForAsync(gamer, r => r.Frames.Length >= 45, TimeSpan.FromSeconds(60), "45 frames before the crash");

        coordinator.Kill();
        await coordinator.WaitForExitAsync();
        var restarted = processes.StartCoordinator(port, store);
        await processes.WaitForAsync(() => processes.Output(restarted).Contains("recovered at tick", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "session recovery");
        var resumed = await EdgeParticipants.WaitForAsync(gamer, r => r.Starts >= 2 && r.Frames.Length >= before.Frames.Length + 45,
            TimeSpan.FromSeconds(30), "45 frames after the gamer resumed");
        var report = await EdgeParticipants.EndSessionAsync(gamer);

        Assert.Equal(before.SessionId, resumed.SessionId);
        Assert.True(report.Connections >= 2, $"the gamer connected {report.Connections} times across the restart");
        Assert.False(Directory.Exists(Path.Combine(processes.Folder, "data")), "the coordinator wrote a SQLite journal though it was given PostgreSQL");
        var ticks = report.Frames.Select(f => f.Tick).ToArray();
        Assert.True(ticks.Zip(ticks.Skip(1), (a, b) => b > a).All(increasing => increasing), $"frame ticks do not increase: {string.Join(",", ticks)}");
        Assert.Contains(report.Frames, f => f.Tick > before.Frames[^1].Tick + 30);
        ReferenceFrames.AssertExact(report, CoordinatorSettings.From(ConfigurationFactory.Empty), TicksPerSecond);
    }
}
