using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;

namespace P2C2R.Persistence.Postgres;

/// <summary>
/// The journal and snapshot store on a PostgreSQL server, for coordinators that share one
/// database. A write call is one transaction of four round trips whatever its size: lock the
/// ids' sequence rows (in id order, so concurrent batches cannot deadlock), check every write
/// against them, insert all events with one array-bound statement, and move the rows on. The row
/// lock is what refuses a second writer of the same id; the unique (persistence id, sequence
/// number) key backs it up.
/// </summary>
public sealed class PostgresStore : IJournalStore
{
    private const char TagSeparator = '\n';
    private readonly NpgsqlDataSource _source;

    private PostgresStore(NpgsqlDataSource source) => _source = source;

    /// <summary>Connects to the database of <paramref name="connectionString"/>, creating and migrating the schema as needed.</summary>
    public static async Task<PostgresStore> OpenAsync(string connectionString, CancellationToken cancellation = default)
    {
        var source = NpgsqlDataSource.Create(connectionString);
        try
        {
            await PostgresSchema.MigrateAsync(source, cancellation).ConfigureAwait(false);
            return new PostgresStore(source);
        }
        catch
        {
            await source.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellation = default)
    {
        try
        {
            await WriteInTransactionAsync(writes, cancellation).ConfigureAwait(false);
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new JournalConflictException($"a sequence number was taken by another writer: {error.MessageText}");
        }
    }

    private async Task WriteInTransactionAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellation)
    {
        var ids = writes.Select(w => w.PersistenceId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        await using var connection = await _source.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        var highest = await LockHighestAsync(connection, ids, cancellation).ConfigureAwait(false);
        var count = 0;
        foreach (var write in writes)
        {
            JournalRules.CheckContinues(write, highest[write.PersistenceId]);
            highest[write.PersistenceId] = write.Events[^1].SequenceNr;
            count += write.Events.Count;
        }

        await InsertEventsAsync(connection, writes, count, cancellation).ConfigureAwait(false);
        await using (var update = new NpgsqlCommand(
            "UPDATE journal_highest AS h SET sequence_nr = n.seq FROM unnest($1::text[], $2::bigint[]) AS n(id, seq) WHERE h.persistence_id = n.id", connection))
        {
            update.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids });
            update.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. ids.Select(id => highest[id])] });
            await update.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>Makes sure each id has its sequence row, then locks the rows in id order and reads them.</summary>
    private static async Task<Dictionary<string, long>> LockHighestAsync(NpgsqlConnection connection, string[] ids, CancellationToken cancellation)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("INSERT INTO journal_highest (persistence_id, sequence_nr) SELECT unnest($1::text[]), 0 ON CONFLICT (persistence_id) DO NOTHING")
                {
                    Parameters = { new NpgsqlParameter<string[]> { TypedValue = ids } },
                },
                new NpgsqlBatchCommand("SELECT persistence_id, sequence_nr FROM journal_highest WHERE persistence_id = ANY($1) ORDER BY persistence_id FOR UPDATE")
                {
                    Parameters = { new NpgsqlParameter<string[]> { TypedValue = ids } },
                },
            },
        };
        var highest = new Dictionary<string, long>(ids.Length, StringComparer.Ordinal);
        await using var reader = await batch.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
        {
            highest[reader.GetString(0)] = reader.GetInt64(1);
        }

        return highest;
    }

    private static async Task InsertEventsAsync(NpgsqlConnection connection, IReadOnlyList<AtomicWrite> writes, int count, CancellationToken cancellation)
    {
        var ids = new string[count];
        var sequenceNrs = new long[count];
        var types = new string[count];
        var payloads = new byte[count][];
        var timestamps = new long[count];
        var tags = new string[count];
        var i = 0;
        foreach (var e in writes.SelectMany(w => w.Events))
        {
            ids[i] = e.PersistenceId;
            sequenceNrs[i] = e.SequenceNr;
            types[i] = e.TypeId;
            payloads[i] = e.Payload;
            timestamps[i] = JournalRules.ToMicros(e.Timestamp);
            tags[i] = string.Join(TagSeparator, e.Tags);
            i++;
        }

        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO events (persistence_id, sequence_nr, type_id, payload, timestamp_us, tags)
            SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bytea[], $5::bigint[], $6::text[])
            """, connection);
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids });
        insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = sequenceNrs });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types });
        insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = timestamps });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = tags });
        await insert.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<JournalEvent> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        await using var command = _source.CreateCommand(
            "SELECT sequence_nr, type_id, payload, timestamp_us, tags, ordering FROM events WHERE persistence_id = $1 AND sequence_nr BETWEEN $2 AND $3 ORDER BY sequence_nr");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromSequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = toSequenceNr });
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
        {
            var tags = reader.GetString(4);
            yield return new JournalEvent(
                persistenceId, reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2),
                JournalRules.FromMicros(reader.GetInt64(3)), tags.Length == 0 ? [] : tags.Split(TagSeparator), reader.GetInt64(5));
        }
    }

    public async Task<long> HighestSequenceNrAsync(string persistenceId, CancellationToken cancellation = default)
    {
        await using var command = _source.CreateCommand("SELECT sequence_nr FROM journal_highest WHERE persistence_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        return await command.ExecuteScalarAsync(cancellation).ConfigureAwait(false) is long highest ? highest : 0;
    }

    public Task DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellation = default) =>
        ExecuteAsync("DELETE FROM events WHERE persistence_id = $1 AND sequence_nr <= $2", persistenceId, toSequenceNr, cancellation);

    public async Task SaveAsync(SnapshotRecord snapshot, CancellationToken cancellation = default)
    {
        await using var command = _source.CreateCommand(
            """
            INSERT INTO snapshots (persistence_id, sequence_nr, timestamp_us, payload) VALUES ($1, $2, $3, $4)
            ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET timestamp_us = excluded.timestamp_us, payload = excluded.payload
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshot.PersistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = snapshot.SequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = JournalRules.ToMicros(snapshot.Timestamp) });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = snapshot.Payload });
        await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
    }

    public async Task<SnapshotRecord?> LoadLatestAsync(string persistenceId, long maxSequenceNr = long.MaxValue, CancellationToken cancellation = default)
    {
        await using var command = _source.CreateCommand(
            "SELECT sequence_nr, timestamp_us, payload FROM snapshots WHERE persistence_id = $1 AND sequence_nr <= $2 ORDER BY sequence_nr DESC LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = maxSequenceNr });
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        return await reader.ReadAsync(cancellation).ConfigureAwait(false)
            ? new SnapshotRecord(persistenceId, reader.GetInt64(0), JournalRules.FromMicros(reader.GetInt64(1)), reader.GetFieldValue<byte[]>(2))
            : null;
    }

    Task ISnapshotStore.DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellation) =>
        ExecuteAsync("DELETE FROM snapshots WHERE persistence_id = $1 AND sequence_nr <= $2", persistenceId, toSequenceNr, cancellation);

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private async Task ExecuteAsync(string sql, string persistenceId, long toSequenceNr, CancellationToken cancellation)
    {
        await using var command = _source.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = toSequenceNr });
        await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
    }
}
