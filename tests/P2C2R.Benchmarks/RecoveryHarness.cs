using System.Diagnostics;
using Microsoft.Data.Sqlite;
using P2C2R.Actors;
using P2C2R.Coordinator;
using P2C2R.Coordinator.Persistence;
using P2C2R.Coordinator.Sessions;
using P2C2R.GameSdk;
using P2C2R.Games.Voxel;
using P2C2R.Persistence;
using P2C2R.Persistence.Sqlite;
using P2C2R.Protocol;

namespace P2C2R.Benchmarks;

/// <summary>
/// How long a session with 100,000 journalled ticks takes to recover on SQLite: a real
/// <see cref="Session"/> actor is started on the journal and timed until it answers its first
/// query (commands wait until recovery is over). Once with no snapshot (every tick of the voxel
/// game replayed, every task it planned recomputed), once with the snapshots a session
/// takes every 600 ticks; beside the time to merely read and decode the same 100,000 events.
/// Run: <c>dotnet run -c Release --project tests/P2C2R.Benchmarks -- recovery</c>.
/// </summary>
public static class RecoveryHarness
{
    private const int Ticks = 100_000;
    private const int SnapshotEvery = 600;
    private const int WriteBatch = 1000;
    private const int TicksPerSecond = 60;

    public static async Task RunAsync()
    {
        var directory = Directory.CreateTempSubdirectory("p2c2r-recovery-bench-").FullName;
        try
        {
            await using var store = SqliteStore.Open(Path.Combine(directory, "journal.db"));
            var played = await WriteSessionsAsync(store);
            var read = await ReadAsync(store, "plain");
            await using var system = ActorSystem.Create("recovery-bench");
            PersistenceExtension.Start(system, store, store, StorageSettings.Serializer);
            var (plain, plainDigest) = await RecoverAsync(system, "plain");
            var (snapshotted, snapshotDigest) = await RecoverAsync(system, "snap");
            if (plainDigest != played.Plain || snapshotDigest != played.Snap)
            {
                throw new InvalidOperationException("a recovered world differs from the played one");
            }

            Console.WriteLine($"read and decode {Ticks:N0} events (baseline): {read.TotalMilliseconds,8:N0} ms");
            Console.WriteLine($"recover a session of {Ticks:N0} ticks, no snapshot:  {plain.TotalMilliseconds,8:N0} ms ({plain / read:0.0}x)");
            Console.WriteLine($"recover a session of {Ticks:N0} ticks, snapshots every {SnapshotEvery}: {snapshotted.TotalMilliseconds,8:N0} ms ({snapshotted / read:0.00}x)");
            Console.WriteLine($"both recovered worlds equal the played ones: {played.Plain[..16]}, {played.Snap[..16]}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Plays 100,000 ticks of the same keys in each session's world (a session's seed follows
    /// from its id) and journals them, the second session also with snapshots; returns the final
    /// worlds' digests.
    /// </summary>
    private static async Task<(string Plain, string Snap)> WriteSessionsAsync(SqliteStore store)
    {
        var serializer = StorageSettings.Serializer;
        var plainWorld = VoxelGame.Instance.Create(Session.OptionsOf("plain", TicksPerSecond, new CoordinatorSettings()));
        var world = VoxelGame.Instance.Create(Session.OptionsOf("snap", TicksPerSecond, new CoordinatorSettings()));
        var plain = new List<JournalEvent>(WriteBatch);
        var snap = new List<JournalEvent>(WriteBatch);
        for (var tick = 0L; tick < Ticks; tick++)
        {
            var keys = (int)(tick / 90 % 5) switch { 0 => 1, 1 => 1 | 8, 2 => 2, 3 => 0, _ => 4 };
            var payload = serializer.Serialize(new TickPlayed(tick, keys, tick / 15), out var typeId);
            plain.Add(new JournalEvent(Session.PersistenceIdOf("plain"), tick + 1, typeId, payload, DateTime.UtcNow, []));
            snap.Add(new JournalEvent(Session.PersistenceIdOf("snap"), tick + 1, typeId, payload, DateTime.UtcNow, []));
            plainWorld.Advance(keys, LocalResults.Instance);
            world.Advance(keys, LocalResults.Instance);
            if (plain.Count == WriteBatch || tick == Ticks - 1)
            {
                await store.WriteAsync([new AtomicWrite(Session.PersistenceIdOf("plain"), [.. plain]), new AtomicWrite(Session.PersistenceIdOf("snap"), [.. snap])]);
                plain.Clear();
                snap.Clear();
            }

            if (world.Tick % SnapshotEvery == 0)
            {
                var state = SnapshotPayload.Encode(serializer, new SessionSnapshot(world.Snapshot(), keys, tick / 15));
                await store.SaveAsync(new SnapshotRecord(Session.PersistenceIdOf("snap"), world.Tick, DateTime.UtcNow, state));
            }
        }

        return (plainWorld.Digest(), world.Digest());
    }

    private static async Task<TimeSpan> ReadAsync(SqliteStore store, string session)
    {
        var clock = Stopwatch.StartNew();
        var count = 0;
        await foreach (var e in store.ReplayAsync(Session.PersistenceIdOf(session), 1, long.MaxValue))
        {
            count += StorageSettings.Serializer.Deserialize(e.TypeId, e.Payload) is TickPlayed ? 1 : 0;
        }

        return count == Ticks ? clock.Elapsed : throw new InvalidOperationException($"read {count} ticks");
    }

    private static async Task<(TimeSpan Elapsed, string Digest)> RecoverAsync(ActorSystem system, string session)
    {
        var clock = Stopwatch.StartNew();
        var nobody = system.DeadLetters;
        var actor = system.ActorOf(Props.Create(() => new Session(session, "bench", TicksPerSecond, null, new CoordinatorSettings(), nobody, nobody, nobody)), session);
        var info = await actor.Ask<SessionInfo>(new QuerySession(session), TimeSpan.FromMinutes(5));
        return info.Tick == Ticks ? (clock.Elapsed, info.WorldDigest) : throw new InvalidOperationException($"{session} recovered at tick {info.Tick}");
    }
}
