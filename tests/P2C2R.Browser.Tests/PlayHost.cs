using Akka.Actor;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using P2C2R.Coordinator.Edge;
using P2C2R.Coordinator.Hosting;
using P2C2R.Coordinator.Sessions;
using P2C2R.Coordinator.Web;
using P2C2R.Hosting;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Browser.Tests;

/// <summary>
/// A real coordinator node in this process (composed as the executable composes it, SQLite journal
/// in a temporary folder, edge and HTTP on free ports of 127.0.0.1): the browser opens /play on
/// the node's own HTTP port and plays over its /edge WebSocket; given an operator token, the node
/// also serves its operator dashboard.
/// </summary>
internal sealed class PlayHost : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private readonly IHost coordinator;
    private readonly string folder;

    private PlayHost(IHost coordinator, string folder, Uri address)
    {
        this.coordinator = coordinator;
        this.folder = folder;
        Address = address;
    }

    /// <summary>The node's HTTP address, http://127.0.0.1:PORT.</summary>
    public Uri Address { get; }

    /// <param name="ticksPerSecond">The sessions' default tick rate.</param>
    /// <param name="operatorToken">When set, the node serves the operator dashboard to whoever shows this token.</param>
    public static async Task<PlayHost> StartAsync(int ticksPerSecond, string? operatorToken = null)
    {
        var folder = Directory.CreateTempSubdirectory("p2c2r-browser-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["p2c2r.coordinator.port"] = "0",
            ["p2c2r.coordinator.http.port"] = "0",
            ["p2c2r.coordinator.bind-address"] = "127.0.0.1",
            ["p2c2r.persistence.store"] = "sqlite",
            ["p2c2r.persistence.data-dir"] = Path.Combine(folder, "data"),
            ["p2c2r.coordinator.session.ticks-per-second"] = ticksPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (operatorToken is not null)
        {
            settings["p2c2r.coordinator.http.operator-token"] = operatorToken;
        }

        var config = NodeConfiguration.ForTests(CoordinatorNode.Name, typeof(CoordinatorNode).Assembly, settings);
        var coordinator = NodeHostBuilder.Build(CoordinatorNode.Name, config, node =>
        {
            node.Logging.SetMinimumLevel(LogLevel.Warning);
            CoordinatorNode.Compose(node);
        }, NodeHostKind.Web);
        try
        {
            await coordinator.StartAsync().WaitAsync(StartTimeout);
            return new PlayHost(coordinator, folder, coordinator.Services.GetRequiredService<WebListener>().Address);
        }
        catch
        {
            coordinator.Dispose();
            DeleteFolder(folder);
            throw;
        }
    }

    /// <summary>The input log of a session of <paramref name="account"/>, as the coordinator answers GamerClient's <c>session.log-query</c>.</summary>
    public async Task<InputLog> InputLogAsync(string account, string sessionId)
    {
        var gamers = coordinator.Services.GetRequiredService<EdgeTargetsProvider>().Targets.Gamers;
        return await gamers.Ask<InputLog>(new GamerCommand(account, new QueryInputLog(sessionId)), TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await coordinator.StopAsync().WaitAsync(StopTimeout);
        }
        finally
        {
            coordinator.Dispose();
            DeleteFolder(folder);
        }
    }

    private static void DeleteFolder(string folder)
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
