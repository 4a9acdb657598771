using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Data.Sqlite;
using P2C2R.Benchmarks.Processes;
using P2C2R.Coordinator;
using P2C2R.Coordinator.Persistence;
using P2C2R.Coordinator.Sessions;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Benchmarks.Recovery;

/// <summary>
/// <c>-- recovery</c>: how long a real <see cref="Session"/> takes to recover 100,000 journalled
/// ticks from Akka.Persistence.Sql on SQLite, timed from its start to its answer to a first query
/// (commands wait for recovery): once with no snapshot (every tick of the voxel world replayed,
/// every task it planned recomputed) and once with a snapshot every 600 ticks, the coordinator's
/// default. Beside it, in the same run, plainly reading the same 100,000 rows from the journal table
/// (the baseline), reading and decoding them with our serializer, and Akka's replay of them into
/// a persistent actor that only counts them (<see cref="EventCounter"/>). Both recovered worlds are
/// checked equal to the worlds that were played.
/// </summary>
public static class RecoveryHarness
{
    private const int Ticks = 100_000;
    private const int SnapshotEvery = 600;
    private const int TicksPerSecond = 60;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static async Task RunAsync()
    {
        var steal = StealMeter.Start();
        var folder = Directory.CreateTempSubdirectory("p2c2r-bench-recovery-").FullName;
        try
        {
            var storage = StorageSettings.Sqlite(folder);
            var connection = storage.OpenConnectionString();
            var config = ConfigurationFactory.ParseString("akka { loglevel = WARNING, log-dead-letters = off }").WithFallback(CoordinatorConfig.Akka(storage));

            var written = Stopwatch.StartNew();
            string plainWorld, snapshotWorld;
            var writing = ActorSystem.Create("recovery-write", config);
            try
            {
                var plain = Write(writing, "plain", 0);
                var snapshotted = Write(writing, "snapshotted", SnapshotEvery);
                plainWorld = await plain.WaitAsync(Timeout);
                snapshotWorld = await snapshotted.WaitAsync(Timeout);
            }
            finally
            {
                await writing.Terminate();
            }

            var writeTime = written.Elapsed;
            var recovering = ActorSystem.Create("recovery-read", config);
            try
            {
                // A short session first: the recovery path runs once before anything is timed.
                await Write(recovering, "warm-up", SnapshotEvery);
                await RecoverAsync(recovering, "warm-up", null);

                var rows = ReadRows(connection, Session.PersistenceIdOf("plain"), null);
                var decoded = ReadRows(connection, Session.PersistenceIdOf("plain"), recovering.Serialization);
                var replayed = await ReplayAsync(recovering, "plain");
                var plain = await RecoverAsync(recovering, "plain", plainWorld);
                var snapshotted = await RecoverAsync(recovering, "snapshotted", snapshotWorld);

                Console.WriteLine($"recovery: a session of {Ticks:N0} ticks on SQLite (written in {writeTime.TotalSeconds:0.0} s, both worlds played alongside); {steal.Since()}");
                Console.WriteLine("| What | Time | vs reading the rows |");
                Console.WriteLine("|---|---:|---:|");
                Console.WriteLine($"| read the {Ticks:N0} rows of one session from the journal table (baseline) | {rows.TotalMilliseconds:N0} ms | 1.0 |");
                Console.WriteLine($"| read and decode them with the P2C2R serializer | {decoded.TotalMilliseconds:N0} ms | {decoded / rows:0.0} |");
                Console.WriteLine($"| replay them into a persistent actor that only counts them (Akka's replay, no game) | {replayed.TotalMilliseconds:N0} ms | {replayed / rows:0.0} |");
                Console.WriteLine($"| recover the session, no snapshot | {plain.TotalMilliseconds:N0} ms | {plain / rows:0.0} |");
                Console.WriteLine($"| recover the session, a snapshot every {SnapshotEvery} ticks | {snapshotted.TotalMilliseconds:N0} ms | {snapshotted / rows:0.00} |");
                Console.WriteLine($"both recovered worlds equal the played ones: {plainWorld[..16]}, {snapshotWorld[..16]}");
            }
            finally
            {
                await recovering.Terminate();
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<string> Write(ActorSystem system, string session, int snapshotEvery)
    {
        var played = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ticks = session == "warm-up" ? 2 * SnapshotEvery + 100 : Ticks;
        system.ActorOf(Props.Create(() => new SessionJournalWriter(session, TicksPerSecond, ticks, snapshotEvery, played)), "writer-" + session);
        return played.Task;
    }

    /// <summary>Starts the session and times it to its first answer; checks its world against <paramref name="expected"/>.</summary>
    private static async Task<TimeSpan> RecoverAsync(ActorSystem system, string session, string? expected)
    {
        var nobody = system.DeadLetters;
        var clock = Stopwatch.StartNew();
        var actor = system.ActorOf(Props.Create(() => new Session(session, "bench", TicksPerSecond, null, new CoordinatorSettings(), nobody, nobody, nobody)), "session-" + session);
        var info = await actor.Ask<SessionInfo>(new QuerySession(session), Timeout);
        var elapsed = clock.Elapsed;
        system.Stop(actor);
        if (expected is not null && (info.Tick != Ticks || info.WorldDigest != expected))
        {
            throw new InvalidOperationException($"session {session} recovered at tick {info.Tick} with world {info.WorldDigest}, not the played one");
        }

        return elapsed;
    }

    /// <summary>Times Akka's replay of the session's events into an actor that only counts them.</summary>
    private static async Task<TimeSpan> ReplayAsync(ActorSystem system, string session)
    {
        var recovered = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        var counter = system.ActorOf(Props.Create(() => new EventCounter(Session.PersistenceIdOf(session), recovered)), "counter-" + session);
        var count = await recovered.Task.WaitAsync(Timeout);
        var elapsed = clock.Elapsed;
        system.Stop(counter);
        return count == Ticks ? elapsed : throw new InvalidOperationException($"replayed {count} events of {session}");
    }

    /// <summary>Reads one persistence id's rows in order; with <paramref name="serialization"/> also decodes each payload.</summary>
    private static TimeSpan ReadRows(string connectionString, string persistenceId, Akka.Serialization.Serialization? serialization)
    {
        var clock = Stopwatch.StartNew();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT message, identifier, manifest FROM journal WHERE persistence_id = $pid AND deleted = 0 ORDER BY sequence_number";
        select.Parameters.AddWithValue("$pid", persistenceId);
        using var reader = select.ExecuteReader();
        var rows = 0;
        long bytes = 0;
        while (reader.Read())
        {
            var message = (byte[])reader[0];
            bytes += message.Length;
            if (serialization is not null && serialization.Deserialize(message, reader.GetInt32(1), reader.GetString(2)) is not KeysFrom)
            {
                throw new InvalidOperationException("a row of the session is not a KeysFrom");
            }

            rows++;
        }

        return rows == Ticks && bytes > 0 ? clock.Elapsed : throw new InvalidOperationException($"read {rows} rows of {persistenceId}");
    }
}
