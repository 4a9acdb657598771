using System.Net;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using P2C2R.Edge.Client;
using P2C2R.Edge.Server;

namespace P2C2R.Testing;

/// <summary>
/// A real Kestrel host serving only the edge, on 127.0.0.1 and a free port, for one test: the
/// framing, handshake and limits are the product's, the endpoint is the test's. Shared by every
/// test project that needs an edge to talk to.
/// </summary>
public sealed class EdgeTestServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private EdgeTestServer(WebApplication app, int port, TestLogs logs)
    {
        this.app = app;
        Port = port;
        Logs = logs;
    }

    public int Port { get; }

    public TestLogs Logs { get; }

    public CoordinatorAddress Address => new("127.0.0.1", Port);

    public EdgeConnectionLimiter Limiter => app.Services.GetRequiredService<EdgeConnectionLimiter>();

    public static async Task<EdgeTestServer> StartAsync(ActorSystem system, IEdgeEndpoint endpoint, EdgeServerOptions? options = null)
    {
        options ??= new EdgeServerOptions();
        options.BindAddress = "127.0.0.1";
        if (options.Port == 8765)
        {
            options.Port = 0;
        }

        var logs = new TestLogs();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(system);
        builder.Services.AddSingleton(endpoint);
        builder.Services.AddEdgeServer(options);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenEdge(options));
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(3));
        var app = builder.Build();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new EdgeTestServer(app, new Uri(address).Port, logs);
    }

    public Task StopAsync() => app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
    }

    /// <summary>A port nothing listens on.</summary>
    public static int UnusedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
