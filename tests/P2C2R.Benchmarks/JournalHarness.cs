using System.Diagnostics;
using Microsoft.Data.Sqlite;
using P2C2R.Persistence;
using P2C2R.Persistence.Sqlite;

namespace P2C2R.Benchmarks;

/// <summary>
/// Events per second the SQLite journal persists, one event per write call and batched 100 per
/// call across 10 ids (how actors' writes are grouped), and replays; beside raw inserts of the
/// same rows through Microsoft.Data.Sqlite in the same file system, batched alike, as a baseline.
/// Run: <c>dotnet run -c Release --project tests/P2C2R.Benchmarks -- journal</c>.
/// </summary>
public static class JournalHarness
{
    private const int Events = 20_000;
    private const int Batch = 100;
    private const int Ids = 10;

    public static async Task RunAsync()
    {
        var directory = Directory.CreateTempSubdirectory("p2c2r-journal-bench-").FullName;
        try
        {
            var payload = new byte[64];
            var raw = RawInserts(Path.Combine(directory, "raw.db"), payload);
            await using var store = SqliteStore.Open(Path.Combine(directory, "journal.db"));
            var single = await MeasureAsync(store, "single", payload, batch: 1, events: Events / 10);
            var batched = await MeasureAsync(store, "batched", payload, batch: Batch, events: Events);
            var clock = Stopwatch.StartNew();
            var replayed = 0;
            await foreach (var _ in store.ReplayAsync("batched-0", 1, long.MaxValue))
            {
                replayed++;
            }

            var replay = replayed / clock.Elapsed.TotalSeconds;
            Console.WriteLine($"raw SQLite inserts, {Batch} per transaction: {raw,10:N0} events/s (baseline)");
            Console.WriteLine($"journal, 1 event per write:            {single,10:N0} events/s ({single / raw:0.00}x)");
            Console.WriteLine($"journal, {Batch} events per write ({Ids} ids): {batched,10:N0} events/s ({batched / raw:0.00}x)");
            Console.WriteLine($"journal replay of one id ({replayed} events): {replay,10:N0} events/s");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<double> MeasureAsync(SqliteStore store, string prefix, byte[] payload, int batch, int events)
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
