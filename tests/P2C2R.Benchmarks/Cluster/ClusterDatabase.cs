using Npgsql;
using P2C2R.Testing;

namespace P2C2R.Benchmarks.Cluster;

/// <summary>
/// A new, empty database on the harness's PostgreSQL server for one cluster run, dropped on
/// dispose: a cluster remembers its sessions in its journal, and one started on another run's
/// database would bring that run's sessions back to life.
/// </summary>
public sealed class ClusterDatabase : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name;

    private ClusterDatabase(string server, string name, string connectionString)
    {
        _server = server;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<ClusterDatabase> CreateAsync(LocalPostgres server)
    {
        var name = "p2c2r_bench_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server.ConnectionString, $"CREATE DATABASE {name}");
        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name };
        return new ClusterDatabase(server.ConnectionString, name, builder.ConnectionString);
    }

    /// <summary>Drops the database, closing what connections a killed node left (the nodes are stopped first).</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
