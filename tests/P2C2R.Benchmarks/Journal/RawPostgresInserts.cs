using System.Diagnostics;
using Npgsql;

namespace P2C2R.Benchmarks.Journal;

/// <summary>
/// The PostgreSQL baseline: plain INSERTs of the journal's rows into <c>raw_journal</c>
/// (<c>LIKE journal INCLUDING ALL</c>: same columns, defaults, keys and indexes) in the same
/// database, <c>perTransaction</c> statements sent as one batch per commit.
/// </summary>
public static class RawPostgresInserts
{
    public static async Task CreateTableAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand("CREATE TABLE raw_journal (LIKE journal INCLUDING ALL)", connection);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>Inserts <paramref name="events"/> rows for one persistence id; returns rows a second.</summary>
    public static async Task<double> InsertAsync(string connectionString, string persistenceId, int events, int perTransaction, JournalRow row)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var clock = Stopwatch.StartNew();
        for (var written = 0; written < events; written += perTransaction)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var batch = new NpgsqlBatch(connection, transaction);
            for (var i = 0; i < perTransaction && written + i < events; i++)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(
                    "INSERT INTO raw_journal (deleted, persistence_id, sequence_number, created, message, identifier, manifest, writer_uuid) " +
                    "VALUES (false, $1, $2, $3, $4, $5, $6, $7)")
                {
                    Parameters =
                    {
                        new NpgsqlParameter<string> { TypedValue = persistenceId },
                        new NpgsqlParameter<long> { TypedValue = written + i + 1 },
                        new NpgsqlParameter<long> { TypedValue = DateTime.UtcNow.Ticks },
                        new NpgsqlParameter<byte[]> { TypedValue = row.Message },
                        new NpgsqlParameter<int> { TypedValue = row.SerializerId },
                        new NpgsqlParameter<string> { TypedValue = row.Manifest },
                        new NpgsqlParameter<string> { TypedValue = row.WriterUuid },
                    },
                });
            }

            await batch.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        return events / clock.Elapsed.TotalSeconds;
    }
}
