using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using P2C2R.Edge.Server;
using P2C2R.Edge.WebSockets;

namespace P2C2R.Edge.Tests.Support;

/// <summary>A web app on 127.0.0.1 and a free port serving only the edge's WebSocket at /edge, for one test.</summary>
internal sealed class EdgeWebSocketServer(WebApplication app, Uri address, TestLogs logs) : IAsyncDisposable
{
    /// <summary>http://127.0.0.1:PORT, the origin a page of this host has.</summary>
    public string Origin { get; } = address.GetLeftPart(UriPartial.Authority);

    public Uri Edge { get; } = new UriBuilder(address) { Scheme = "ws", Path = "/edge" }.Uri;

    public Uri Http { get; } = new(address, "/edge");

    public TestLogs Logs { get; } = logs;

    public static async Task<EdgeWebSocketServer> StartAsync(ActorSystem system, IEdgeEndpoint endpoint, EdgeServerOptions? options = null)
    {
        var logs = new TestLogs();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(system);
        builder.Services.AddSingleton(endpoint);
        builder.Services.AddEdgeServer(options ?? new EdgeServerOptions());
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(3));
        var app = builder.Build();
        app.MapEdgeWebSocket("/edge");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new EdgeWebSocketServer(app, new Uri(address), logs);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
    }
}
