using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using P2C2R.Actors;
using P2C2R.Coordinator.Persistence;
using P2C2R.Persistence;
using P2C2R.Persistence.Postgres;
using P2C2R.Persistence.Sqlite;
using P2C2R.Persistence.Tests;

namespace P2C2R.Benchmarks;

/// <summary>
/// Events per second each journal persists, one event per write call and batched 100 per call
/// across 10 ids (how actors' writes are grouped), and replays; beside raw inserts of the same
/// rows through the same driver, batched alike, as a baseline: SQLite in a temporary folder, and
/// PostgreSQL on a throwaway local server with its default durability (fsync on, synchronous
/// commit), skipped with the reason where none can start.
/// Run: <c>dotnet run -c Release --project tests/P2C2R.Benchmarks -- journal</c>.
/// </summary>
public static class JournalHarness
{
    private const int Events = 20_000;
    private const int Batch = 100;
    private const int Ids = 10;
    private const int Actors = 100;
    private const int EventsPerActor = 100;

    public static async Task RunAsync()
    {
        var directory = Directory.CreateTempSubdirectory("p2c2r-journal-bench-").FullName;
        try
        {
            var payload = new byte[64];
            var raw = RawInserts(Path.Combine(directory, "raw.db"), payload);
            await using (var store = SqliteStore.Open(Path.Combine(directory, "journal.db")))
            {
                await ReportAsync("SQLite", store, raw, payload);
            }

            var (server, unavailable) = await LocalPostgres.StartAsync(durable: true);
            if (server is null)
            {
                Console.WriteLine($"PostgreSQL skipped: {unavailable}");
                return;
            }

            await using (server)
            {
                var rawPostgres = await RawPostgresInsertsAsync(server.ConnectionString, payload);
                await using var store = await PostgresStore.OpenAsync(server.ConnectionString);
                await ReportAsync("PostgreSQL", store, rawPostgres, payload);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task ReportAsync(string name, IJournalStore store, double raw, byte[] payload)
    {
        var single = await MeasureAsync(store, "single", payload, batch: 1, events: Events / 10);
        var batched = await MeasureAsync(store, "batched", payload, batch: Batch, events: Events);
        var clock = Stopwatch.StartNew();
        var replayed = 0;
        await foreach (var _ in store.ReplayAsync("batched-0", 1, long.MaxValue))
        {
            replayed++;
        }

        var replay = replayed / clock.Elapsed.TotalSeconds;
        var actors = await PersistentActorsAsync(store);
        Console.WriteLine($"{name}: raw inserts, {Batch} per transaction: {raw,10:N0} events/s (baseline)");
        Console.WriteLine($"{name}: journal, 1 event per write:            {single,10:N0} events/s ({single / raw:0.00}x)");
        Console.WriteLine($"{name}: journal, {Batch} events per write ({Ids} ids): {batched,10:N0} events/s ({batched / raw:0.00}x)");
        Console.WriteLine($"{name}: journal replay of one id ({replayed} events): {replay,10:N0} events/s");
        Console.WriteLine($"{name}: {Actors} persistent actors, 1 event per Persist: {actors,10:N0} events/s ({actors / raw:0.00}x)");
    }

    /// <summary>
    /// Events/s through the runtime: <see cref="Actors"/> persistent actors each persisting one
    /// event at a time, each waiting for its last to be durable; the journal writer batches
    /// whatever is queued across actors into one transaction.
    /// </summary>
    private static async Task<double> PersistentActorsAsync(IJournalStore store)
    {
        await using var system = ActorSystem.Create("journal-bench");
        PersistenceExtension.Start(system, store, store, StorageSettings.Serializer);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var counter = system.ActorOf(Props.Create(() => new CountdownActor(Actors, done)));
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Actors; i++)
        {
            var id = $"actor-{i}";
            system.ActorOf(Props.Create(() => new PersistingActor(id, EventsPerActor, counter)));
        }

        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        return Actors * EventsPerActor / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> RawPostgresInsertsAsync(string connectionString, byte[] payload)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var setup = new NpgsqlCommand("CREATE TABLE raw_events (ordering BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, persistence_id TEXT, sequence_nr BIGINT, type_id TEXT, payload BYTEA, timestamp_us BIGINT, tags TEXT, UNIQUE (persistence_id, sequence_nr))", connection))
        {
            await setup.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        for (var written = 0; written < Events; written += Batch)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var batch = new NpgsqlBatch(connection, transaction);
            for (var i = 0; i < Batch; i++)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand("INSERT INTO raw_events (persistence_id, sequence_nr, type_id, payload, timestamp_us, tags) VALUES ($1, $2, 'bench', $3, 0, '')")
                {
                    Parameters =
                    {
                        new NpgsqlParameter<string> { TypedValue = $"raw-{i % Ids}" },
                        new NpgsqlParameter<long> { TypedValue = written + i },
                        new NpgsqlParameter<byte[]> { TypedValue = payload },
                    },
                });
            }

            await batch.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        return Events / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> MeasureAsync(IEventJournal store, string prefix, byte[] payload, int batch, int events)
    {
        var next = new long[Ids];
        var clock = Stopwatch.StartNew();
        for (var written = 0; written < events; written += batch)
        {
            var writes = new List<AtomicWrite>();
            var perId = Math.Max(1, batch / Ids);
            for (var i = 0; i < batch; i += perId)
            {
                var id = (written + i) / perId % Ids;
                var pid = $"{prefix}-{id}";
                var first = next[id] + 1;
                next[id] += perId;
                writes.Add(new AtomicWrite(pid, [.. Enumerable.Range(0, perId).Select(k => new JournalEvent(pid, first + k, "bench", payload, DateTime.UtcNow, []))]));
            }

            await store.WriteAsync(writes);
        }

        return events / clock.Elapsed.TotalSeconds;
    }

    private static double RawInserts(string path, byte[] payload)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE events (ordering INTEGER PRIMARY KEY AUTOINCREMENT, persistence_id TEXT, sequence_nr INTEGER, type_id TEXT, payload BLOB, timestamp_us INTEGER, tags TEXT, UNIQUE (persistence_id, sequence_nr))";
            setup.ExecuteNonQuery();
        }

        var clock = Stopwatch.StartNew();
        for (var written = 0; written < Events; written += Batch)
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO events (persistence_id, sequence_nr, type_id, payload, timestamp_us, tags) VALUES ($id, $seq, 'bench', $payload, 0, '')";
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
            insert.Parameters.Add("$payload", SqliteType.Blob).Value = payload;
            for (var i = 0; i < Batch; i++)
            {
                id.Value = $"raw-{i % Ids}";
                seq.Value = written + i;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return Events / clock.Elapsed.TotalSeconds;
    }
}
