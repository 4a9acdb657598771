using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace P2C2R.Benchmarks.Journal;

/// <summary>
/// The SQLite baseline: plain INSERTs of the journal's rows into <c>raw_journal</c>, a table made
/// from the <c>journal</c> table's own definition and indexes in the same database file, through
/// the same driver and connection string, <c>perTransaction</c> rows per commit.
/// </summary>
public static partial class RawSqliteInserts
{
    public static void CreateTable(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var definitions = new List<string>();
        using (var schema = connection.CreateCommand())
        {
            schema.CommandText = "SELECT sql FROM sqlite_master WHERE tbl_name = 'journal' AND sql IS NOT NULL ORDER BY type DESC";
            using var reader = schema.ExecuteReader();
            while (reader.Read())
            {
                definitions.Add(reader.GetString(0));
            }
        }

        if (definitions.Count == 0)
        {
            throw new InvalidOperationException("the journal table does not exist yet");
        }

        foreach (var definition in definitions)
        {
            using var create = connection.CreateCommand();
            create.CommandText = JournalName().Replace(IndexName().Replace(definition, "INDEX raw_${name}"), "${before}raw_journal");
            create.ExecuteNonQuery();
        }
    }

    /// <summary>Inserts <paramref name="events"/> rows for one persistence id; returns rows a second.</summary>
    public static double Insert(string connectionString, string persistenceId, int events, int perTransaction, JournalRow row)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var clock = Stopwatch.StartNew();
        for (var written = 0; written < events; written += perTransaction)
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO raw_journal (deleted, persistence_id, sequence_number, created, message, identifier, manifest, writer_uuid) " +
                "VALUES (0, $pid, $seq, $created, $message, $identifier, $manifest, $writer)";
            insert.Parameters.AddWithValue("$pid", persistenceId);
            var sequence = insert.Parameters.Add("$seq", SqliteType.Integer);
            var created = insert.Parameters.Add("$created", SqliteType.Integer);
            insert.Parameters.AddWithValue("$message", row.Message);
            insert.Parameters.AddWithValue("$identifier", row.SerializerId);
            insert.Parameters.AddWithValue("$manifest", row.Manifest);
            insert.Parameters.AddWithValue("$writer", row.WriterUuid);
            for (var i = 0; i < perTransaction && written + i < events; i++)
            {
                sequence.Value = written + i + 1;
                created.Value = DateTime.UtcNow.Ticks;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return events / clock.Elapsed.TotalSeconds;
    }

    [GeneratedRegex("""(?<before>\b(?:TABLE|ON)\s+)[\["]?journal[\]"]?""", RegexOptions.IgnoreCase)]
    private static partial Regex JournalName();

    [GeneratedRegex("""INDEX\s+[\["]?(?<name>\w+)[\]"]?""", RegexOptions.IgnoreCase)]
    private static partial Regex IndexName();
}
