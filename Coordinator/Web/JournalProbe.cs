using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;
using P2C2R.Coordinator.Persistence;

namespace P2C2R.Coordinator.Web;

/// <summary>
/// Whether the journal's database answers, for <c>/readyz</c>: a connection opened and a
/// <c>SELECT 1</c> within <see cref="Timeout"/>. Answers are kept for <see cref="Fresh"/> and one
/// probe runs at a time, so however often the endpoint is asked (it may be reachable by anyone)
/// the database sees at most one probe a second. What went wrong is logged, not answered: an
/// exception's text may name hosts and users.
/// </summary>
public sealed class JournalProbe(StorageSettings storage, ILogger<JournalProbe> log)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _one = new(1, 1);
    private string? _connectionString;
    private DateTime _checkedAt = DateTime.MinValue;
    private string? _problem;

    /// <summary>Null when the journal answered; otherwise what is wrong, in words fit for anyone.</summary>
    public async Task<string?> ProblemAsync(CancellationToken cancellation)
    {
        await _one.WaitAsync(cancellation);
        try
        {
            if (DateTime.UtcNow - _checkedAt >= Fresh)
            {
                _problem = await ProbeAsync(cancellation);
                _checkedAt = DateTime.UtcNow;
            }

            return _problem;
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<string?> ProbeAsync(CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(Timeout);
        try
        {
            await using var connection = Connect();
            await connection.OpenAsync(timeout.Token).WaitAsync(timeout.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(timeout.Token).WaitAsync(timeout.Token);
            return null;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            log.LogWarning("The journal's database did not answer within {Timeout}", Timeout);
            return $"no answer within {Timeout.TotalSeconds:0} s";
        }
        catch (Exception error) when (error is DbException or InvalidOperationException or IOException)
        {
            log.LogWarning(error, "The journal's database is unreachable");
            return "unreachable";
        }
    }

    private DbConnection Connect()
    {
        _connectionString ??= storage.OpenConnectionString();
        return storage.Store == "postgres" ? new NpgsqlConnection(_connectionString) : new SqliteConnection(_connectionString);
    }
}
