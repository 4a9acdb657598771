using Akka.Actor;
using Akka.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using P2C2R.Benchmarks.Processes;
using P2C2R.Edge.Server;

namespace P2C2R.Benchmarks.Edge;

/// <summary>
/// <c>serve edge</c>: a coordinator-like edge server in a process of its own. Kestrel with the
/// edge's connection handler, as the coordinator listens, and an actor system whose connections
/// are <see cref="EchoConnectionActor"/>s. The rate limit is off (a coordinator allows 2,000
/// messages a second per connection; the benchmark sends far more); every other edge setting is
/// the default.
/// </summary>
public static class EdgeEchoServer
{
    public static async Task RunAsync()
    {
        var system = ActorSystem.Create("edge-bench", ConfigurationFactory.ParseString("akka { loglevel = WARNING, log-dead-letters = off }"));
        var options = new EdgeServerOptions { Port = 0, BindAddress = "127.0.0.1", CoordinatorName = "edge-bench", MessagesPerSecond = 0 };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(system);
        builder.Services.AddSingleton<IEdgeEndpoint>(new EchoEndpoint());
        builder.Services.AddEdgeServer(options);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenEdge(options));
        await using var app = builder.Build();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        await ServedProcess.RunAsync(new Uri(address).Port, _ => null);
        await app.StopAsync();
        await system.Terminate();
    }
}
