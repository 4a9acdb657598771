using P2C2R.Testing;

namespace P2C2R.EndToEnd.Tests.Postgres;

/// <summary>One PostgreSQL server for the test class, or the reason there is none (every test then skips with it).</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public LocalPostgres? Server { get; private set; }

    public string? Unavailable { get; private set; }

    public async Task InitializeAsync() => (Server, Unavailable) = await LocalPostgres.StartAsync();

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
