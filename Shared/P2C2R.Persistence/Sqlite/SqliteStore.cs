using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace P2C2R.Persistence.Sqlite;

/// <summary>
/// The embedded journal and snapshot store: one SQLite file in WAL mode, so readers never block
/// the writer and a killed process loses nothing that was committed (synchronous = NORMAL is
/// durable against process crashes; FULL would also survive power loss, at a sync per commit).
/// Every write call is one IMMEDIATE transaction: SQLite admits one writer at a time, and the
/// sequence check inside the transaction therefore sees every earlier write, which is what
/// refuses gaps and a second writer of the same id (in this process or another). Writes of this
/// process share one open connection, set up once, taken in turn; reads use pooled connections
/// and never wait for the writer.
/// </summary>
public sealed class SqliteStore : IJournalStore
{
    private const char TagSeparator = '\n';

    /// <summary>SQLITE_CONSTRAINT: the unique (persistence id, sequence number) key is the last line of defence against two writers.</summary>
    private const int ConstraintViolation = 19;
    private static readonly TimeSpan WriterWait = TimeSpan.FromSeconds(30);
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writerGate = new(1, 1);

    private SqliteStore(string connectionString)
    {
        _connectionString = connectionString;
        _writer = Connect();
        using var pragma = _writer.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = NORMAL";
        pragma.ExecuteNonQuery();
    }

    /// <summary>Opens (creating and migrating as needed) the database at <paramref name="path"/>.</summary>
    public static SqliteStore Open(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        var store = new SqliteStore(connectionString);
        SqliteSchema.Migrate(store._writer);
        return store;
    }

    public async Task WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellation = default)
    {
        try
        {
            await WithWriterAsync(connection => WriteInTransactionAsync(connection, writes, cancellation), cancellation).ConfigureAwait(false);
        }
        catch (SqliteException error) when (error.SqliteErrorCode == ConstraintViolation)
        {
            throw new JournalConflictException($"a sequence number was taken by another writer: {error.Message}");
        }
    }

    private static async Task WriteInTransactionAsync(SqliteConnection connection, IReadOnlyList<AtomicWrite> writes, CancellationToken cancellation)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO events (persistence_id, sequence_nr, type_id, payload, timestamp_us, tags) VALUES ($id, $seq, $type, $payload, $ts, $tags)";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
        var type = insert.Parameters.Add("$type", SqliteType.Text);
        var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
        var timestamp = insert.Parameters.Add("$ts", SqliteType.Integer);
        var tags = insert.Parameters.Add("$tags", SqliteType.Text);
        foreach (var write in writes)
        {
            var highest = await HighestAsync(connection, transaction, write.PersistenceId, cancellation).ConfigureAwait(false);
            JournalRules.CheckContinues(write, highest);
            foreach (var e in write.Events)
            {
                id.Value = e.PersistenceId;
                seq.Value = e.SequenceNr;
                type.Value = e.TypeId;
                payload.Value = e.Payload;
                timestamp.Value = JournalRules.ToMicros(e.Timestamp);
                tags.Value = string.Join(TagSeparator, e.Tags);
                await insert.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
            }

            await SetHighestAsync(connection, transaction, write.PersistenceId, write.Events[^1].SequenceNr, cancellation).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellation).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<JournalEvent> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        await using var connection = Connect();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence_nr, type_id, payload, timestamp_us, tags, ordering FROM events WHERE persistence_id = $id AND sequence_nr BETWEEN $from AND $to ORDER BY sequence_nr";
        command.Parameters.AddWithValue("$id", persistenceId);
        command.Parameters.AddWithValue("$from", fromSequenceNr);
        command.Parameters.AddWithValue("$to", toSequenceNr);
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
        {
            var tags = reader.GetString(4);
            yield return new JournalEvent(
                persistenceId, reader.GetInt64(0), reader.GetString(1), (byte[])reader.GetValue(2),
                JournalRules.FromMicros(reader.GetInt64(3)), tags.Length == 0 ? [] : tags.Split(TagSeparator), reader.GetInt64(5));
        }
    }

    public async Task<long> HighestSequenceNrAsync(string persistenceId, CancellationToken cancellation = default)
    {
        await using var connection = Connect();
        return await HighestAsync(connection, null, persistenceId, cancellation).ConfigureAwait(false);
    }

    public async Task DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellation = default) =>
        await ExecuteAsync("DELETE FROM events WHERE persistence_id = $id AND sequence_nr <= $to", persistenceId, toSequenceNr, cancellation).ConfigureAwait(false);

    public Task SaveAsync(SnapshotRecord snapshot, CancellationToken cancellation = default) => WithWriterAsync(async connection =>
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO snapshots (persistence_id, sequence_nr, timestamp_us, payload) VALUES ($id, $seq, $ts, $payload)";
        command.Parameters.AddWithValue("$id", snapshot.PersistenceId);
        command.Parameters.AddWithValue("$seq", snapshot.SequenceNr);
        command.Parameters.AddWithValue("$ts", JournalRules.ToMicros(snapshot.Timestamp));
        command.Parameters.Add("$payload", SqliteType.Blob).Value = snapshot.Payload;
        await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
    }, cancellation);

    public async Task<SnapshotRecord?> LoadLatestAsync(string persistenceId, long maxSequenceNr = long.MaxValue, CancellationToken cancellation = default)
    {
        await using var connection = Connect();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence_nr, timestamp_us, payload FROM snapshots WHERE persistence_id = $id AND sequence_nr <= $max ORDER BY sequence_nr DESC LIMIT 1";
        command.Parameters.AddWithValue("$id", persistenceId);
        command.Parameters.AddWithValue("$max", maxSequenceNr);
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        return await reader.ReadAsync(cancellation).ConfigureAwait(false)
            ? new SnapshotRecord(persistenceId, reader.GetInt64(0), JournalRules.FromMicros(reader.GetInt64(1)), (byte[])reader.GetValue(2))
            : null;
    }

    Task ISnapshotStore.DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellation) =>
        ExecuteAsync("DELETE FROM snapshots WHERE persistence_id = $id AND sequence_nr <= $to", persistenceId, toSequenceNr, cancellation);

    public async ValueTask DisposeAsync()
    {
        await _writerGate.WaitAsync(WriterWait).ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static async Task<long> HighestAsync(SqliteConnection connection, SqliteTransaction? transaction, string persistenceId, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT sequence_nr FROM journal_highest WHERE persistence_id = $id";
        command.Parameters.AddWithValue("$id", persistenceId);
        return await command.ExecuteScalarAsync(cancellation).ConfigureAwait(false) is long highest ? highest : 0;
    }

    private static async Task SetHighestAsync(SqliteConnection connection, SqliteTransaction transaction, string persistenceId, long sequenceNr, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO journal_highest (persistence_id, sequence_nr) VALUES ($id, $seq) ON CONFLICT (persistence_id) DO UPDATE SET sequence_nr = excluded.sequence_nr";
        command.Parameters.AddWithValue("$id", persistenceId);
        command.Parameters.AddWithValue("$seq", sequenceNr);
        await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
    }

    private Task ExecuteAsync(string sql, string persistenceId, long toSequenceNr, CancellationToken cancellation) => WithWriterAsync(async connection =>
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", persistenceId);
        command.Parameters.AddWithValue("$to", toSequenceNr);
        await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
    }, cancellation);

    private async Task WithWriterAsync(Func<SqliteConnection, Task> write, CancellationToken cancellation)
    {
        if (!await _writerGate.WaitAsync(WriterWait, cancellation).ConfigureAwait(false))
        {
            throw new TimeoutException($"the journal's writer was busy for {WriterWait.TotalSeconds:0} s");
        }

        try
        {
            await write(_writer).ConfigureAwait(false);
        }
        finally
        {
            _writerGate.Release();
        }
    }

    /// <summary>A pooled connection; <see cref="SqliteConnectionStringBuilder.DefaultTimeout"/> makes it wait out a busy database.</summary>
    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
