using Npgsql;
using P2C2R.Testing;

namespace P2C2R.EndToEnd.Tests.Postgres;

/// <summary>One PostgreSQL server for the test class, or the reason there is none (every test then skips with it).</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public LocalPostgres? Server { get; private set; }

    public string? Unavailable { get; private set; }

    public async Task InitializeAsync() => (Server, Unavailable) = await LocalPostgres.StartAsync();

    /// <summary>
    /// The connection string of a new, empty database on the server, for a test whose coordinators
    /// must not find another test's journal: a cluster remembers its entities there, and would
    /// bring another test's sessions back to life.
    /// </summary>
    public async Task<string> NewDatabaseAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(Server?.ConnectionString ?? throw new InvalidOperationException(Unavailable));
        var name = "p2c2r_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        builder.Database = name;
        return builder.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
