using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Data.Sqlite;
using P2C2R.Benchmarks.Processes;
using P2C2R.Coordinator.Persistence;
using P2C2R.Coordinator.Serialization;
using P2C2R.Coordinator.Sessions;
using P2C2R.Coordinator;
using P2C2R.Testing;

namespace P2C2R.Benchmarks.Journal;

/// <summary>
/// <c>-- journal</c>: events a second persisted by Akka persistent actors (<see cref="TickWriter"/>,
/// the coordinator's own journal configuration: Akka.Persistence.Sql, our serializer) against
/// plain INSERTs of the same rows (same payload, serializer id and manifest) into a table of the
/// journal's own shape in the same database, measured in the same run. SQLite in a temporary
/// folder (WAL, as the coordinator prepares it); PostgreSQL on a throwaway local server with its
/// default durability when its binaries are here, skipped with the reason otherwise. The measures
/// alternate over three rounds and each reports its median, since other work shares these cores.
/// </summary>
public static class JournalHarness
{
    private const int Single = 1_000;
    private const int Batched = 20_000;
    private const int Batch = 100;
    private const int Actors = 100;
    private const int PerActor = 50;

    /// <summary>Each measure is taken this many times, alternating with the others, and its median reported: the machine is shared.</summary>
    private const int Rounds = 3;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static async Task RunAsync()
    {
        var steal = StealMeter.Start();
        var folder = Directory.CreateTempSubdirectory("p2c2r-bench-journal-").FullName;
        var results = new List<string>();
        try
        {
            var sqlite = StorageSettings.Sqlite(folder);
            var sqliteConnection = sqlite.OpenConnectionString();
            results.AddRange(await MeasureStoreAsync("SQLite", sqlite, new RawStore(
                () => Task.Run(() => RawSqliteInserts.CreateTable(sqliteConnection)),
                (id, events, per, row) => Task.Run(() => RawSqliteInserts.Insert(sqliteConnection, id, events, per, row)))));

            var (server, unavailable) = await LocalPostgres.StartAsync();
            if (server is null)
            {
                results.Add($"PostgreSQL skipped: {unavailable}");
            }
            else
            {
                await using (server)
                {
                    var postgres = new StorageSettings("postgres", "", server.ConnectionString);
                    results.AddRange(await MeasureStoreAsync("PostgreSQL", postgres, new RawStore(
                        () => RawPostgresInserts.CreateTableAsync(server.ConnectionString),
                        (id, events, per, row) => RawPostgresInserts.InsertAsync(server.ConnectionString, id, events, per, row))));
                }
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }

        Console.WriteLine($"journal: KeysFrom events, median of {Rounds} alternating rounds; {steal.Since()}");
        Console.WriteLine("| Store | What | Events/s | vs raw batched |");
        Console.WriteLine("|---|---|---:|---:|");
        foreach (var line in results)
        {
            Console.WriteLine(line);
        }
    }

    private static async Task<IEnumerable<string>> MeasureStoreAsync(string name, StorageSettings storage, RawStore raw)
    {
        var config = ConfigurationFactory.ParseString("akka { loglevel = WARNING, log-dead-letters = off }").WithFallback(CoordinatorConfig.Akka(storage));
        var system = ActorSystem.Create("journal-bench", config);
        try
        {
            // Creates the tables and runs every path once before anything is timed.
            await PersistAsync(system, "warm-batched", 1, 500, Batch);
            await PersistAsync(system, "warm-single", 10, 20, 1);

            var sample = new KeysFrom(10_000, 1, 10_000, 10_001);
            var serializer = (P2C2RSerializer)system.Serialization.FindSerializerFor(sample);
            var row = new JournalRow(serializer.ToBinary(sample), serializer.Identifier, serializer.Manifest(sample), Guid.NewGuid().ToString());
            await raw.CreateTable();

            var (rawSingle, single, rawBatched, batched, actors) = (new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double>());
            for (var round = 0; round < Rounds; round++)
            {
                rawSingle.Add(await raw.Insert($"raw-single-{round}", Single, 1, row));
                single.Add(await PersistAsync(system, $"single-{round}", 1, Single, 1));
                rawBatched.Add(await raw.Insert($"raw-batched-{round}", Batched, Batch, row));
                batched.Add(await PersistAsync(system, $"batched-{round}", 1, Batched, Batch));
                actors.Add(await PersistAsync(system, $"actor-{round}", Actors, PerActor, 1));
            }

            return Rows(name, row, Median(rawSingle), Median(single), Median(rawBatched), Median(batched), Median(actors));
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static string[] Rows(string name, JournalRow row, double rawSingle, double single, double rawBatched, double batched, double actors) =>
        [
            $"| {name} | raw INSERTs, {Batch} per transaction (baseline) | {rawBatched:N0} | 1.00 |",
            $"| {name} | raw INSERTs, 1 per transaction | {rawSingle:N0} | {rawSingle / rawBatched:0.000} |",
            $"| {name} | 1 persistent actor, PersistAll of {Batch}, each after the last is durable | {batched:N0} | {batched / rawBatched:0.000} |",
            $"| {name} | 1 persistent actor, Persist of 1, each after the last is durable | {single:N0} | {single / rawBatched:0.000} ({single / rawSingle:0.00} × raw 1 per transaction) |",
            $"| {name} | {Actors} persistent actors at once, Persist of 1 each | {actors:N0} | {actors / rawBatched:0.000} |",
            $"| {name} | payload | {row.Message.Length} B of MessagePack, manifest {row.Manifest} | |",
        ];

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>Events a second: <paramref name="actors"/> writers each persisting <paramref name="events"/> in batches of <paramref name="batch"/>, timed from the start signal (after their recovery) to the last durable event.</summary>
    private static async Task<double> PersistAsync(ActorSystem system, string prefix, int actors, int events, int batch)
    {
        var ready = new Countdown(actors);
        var done = new Countdown(actors);
        var writers = Enumerable.Range(0, actors)
            .Select(i => system.ActorOf(Props.Create(() => new TickWriter($"{prefix}-{i}", events, batch, ready, done))))
            .ToArray();
        await ready.Done.WaitAsync(Timeout);
        var clock = Stopwatch.StartNew();
        foreach (var writer in writers)
        {
            writer.Tell(TickWriter.Start.Instance);
        }

        await done.Done.WaitAsync(Timeout);
        var rate = actors * events / clock.Elapsed.TotalSeconds;
        foreach (var writer in writers)
        {
            system.Stop(writer);
        }

        return rate;
    }

    /// <summary>One store's baseline: how to make its raw table and insert rows into it.</summary>
    private sealed record RawStore(Func<Task> CreateTable, Func<string, int, int, JournalRow, Task<double>> Insert);
}
