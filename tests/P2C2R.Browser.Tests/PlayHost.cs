using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using P2C2R.Coordinator.Edge;
using P2C2R.Coordinator.Hosting;
using P2C2R.Coordinator.Sessions;
using P2C2R.Coordinator.Web.Play;
using P2C2R.Edge.Server;
using P2C2R.Edge.WebSockets;
using P2C2R.Hosting;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Browser.Tests;

/// <summary>
/// A real coordinator node in this process (composed as the executable composes it, SQLite journal
/// in a temporary folder, edge on a free port of 127.0.0.1) and beside it a small web app on
/// another free port that maps the browsers' edge WebSocket (/edge) and the /play page onto that
/// node's actor system and edge endpoint, as the coordinator's own HTTP port serves them.
/// </summary>
internal sealed class PlayHost : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private readonly IHost coordinator;
    private readonly WebApplication web;
    private readonly string folder;

    private PlayHost(IHost coordinator, WebApplication web, string folder, Uri address)
    {
        this.coordinator = coordinator;
        this.web = web;
        this.folder = folder;
        Address = address;
    }

    /// <summary>The web app's base address, http://127.0.0.1:PORT.</summary>
    public Uri Address { get; }

    public static async Task<PlayHost> StartAsync(int ticksPerSecond)
    {
        var folder = Directory.CreateTempSubdirectory("p2c2r-browser-").FullName;
        var config = NodeConfiguration.ForTests(CoordinatorNode.Name, typeof(CoordinatorNode).Assembly, new Dictionary<string, string>
        {
            ["p2c2r.coordinator.port"] = "0",
            ["p2c2r.coordinator.bind-address"] = "127.0.0.1",
            ["p2c2r.persistence.store"] = "sqlite",
            ["p2c2r.persistence.data-dir"] = Path.Combine(folder, "data"),
            ["p2c2r.coordinator.session.ticks-per-second"] = ticksPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var coordinator = NodeHostBuilder.Build(CoordinatorNode.Name, config, node =>
        {
            node.Logging.SetMinimumLevel(LogLevel.Warning);
            CoordinatorNode.Compose(node);
        }, NodeHostKind.Web);
        WebApplication? web = null;
        try
        {
            await coordinator.StartAsync().WaitAsync(StartTimeout);
            web = BuildWeb(coordinator.Services);
            await web.StartAsync().WaitAsync(StartTimeout);
            var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return new PlayHost(coordinator, web, folder, new Uri(address));
        }
        catch
        {
            if (web is not null)
            {
                await web.DisposeAsync();
            }

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
            using var timeout = new CancellationTokenSource(StopTimeout);
            await web.StopAsync(timeout.Token);
            await web.DisposeAsync();
            await coordinator.StopAsync().WaitAsync(StopTimeout);
        }
        finally
        {
            coordinator.Dispose();
            DeleteFolder(folder);
        }
    }

    private static WebApplication BuildWeb(IServiceProvider node)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(node.GetRequiredService<ActorSystem>());
        builder.Services.AddSingleton(node.GetRequiredService<IEdgeEndpoint>());
        builder.Services.AddEdgeServer(node.GetRequiredService<EdgeServerOptions>());
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(3));
        var app = builder.Build();
        app.MapEdgeWebSocket("/edge");
        app.MapBrowserPlay("/edge");
        return app;
    }

    private static void DeleteFolder(string folder)
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
