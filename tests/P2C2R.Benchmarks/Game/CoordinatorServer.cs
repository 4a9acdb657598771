using Akka.Actor;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using P2C2R.Benchmarks.Processes;
using P2C2R.Coordinator.Hosting;
using P2C2R.Coordinator.Scheduling;
using P2C2R.Coordinator.Web;
using P2C2R.Hosting;

namespace P2C2R.Benchmarks.Game;

/// <summary>
/// <c>serve coordinator DATA_DIR</c>: a whole coordinator node, composed exactly as the executable
/// composes it (<see cref="CoordinatorNode.Compose"/>, built-in defaults, SQLite journal in
/// DATA_DIR), in a process of its own so its CPU time can be read alone, with its edge on a free
/// loopback port, every loopback address a host of its own (IPv4 prefix 32), and its traffic counted (<see cref="EdgeTraffic"/>, answered to <c>bytes</c>;
/// the scheduler's split of it by task type to <c>kinds</c>; the time its JIT compiler has spent, and on how many methods, to <c>jit</c>).
/// It logs warnings and errors on stderr; stdout carries the harness's lines.
/// </summary>
public static class CoordinatorServer
{
    /// <summary>The scheduler's bytes to helpers by kind (<see cref="SchedulerStats.BytesByKind"/>), as <c>kinds NAME=BYTES;…</c>; names hold no <c>=</c> or <c>;</c>.</summary>
    private static string BytesByKind(ActorSystem system)
    {
        var stats = system.ActorSelection("/user/scheduler").Ask<SchedulerStats>(new QuerySchedulerStats(), TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        return "kinds " + string.Join(';', (stats.BytesByKind ?? new Dictionary<string, long>()).Select(k => $"{k.Key}={k.Value}"));
    }

    public static async Task RunAsync(string dataDirectory)
    {
        var config = NodeConfiguration.ForTests(CoordinatorNode.Name, typeof(CoordinatorNode).Assembly, new Dictionary<string, string>
        {
            ["p2c2r.coordinator.port"] = "0",
            ["p2c2r.coordinator.http.port"] = "0",
            ["p2c2r.coordinator.bind-address"] = "127.0.0.1",
            ["p2c2r.persistence.data-dir"] = dataDirectory,
            // Each helper dials from a loopback address of its own and counts as a host of its own.
            ["p2c2r.coordinator.replicas.ipv4-prefix"] = "32",
        });
        using var host = NodeHostBuilder.Build(CoordinatorNode.Name, config, node =>
        {
            node.Logging.ClearProviders();
            node.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
            node.Web!.WebHost.ConfigureKestrel(EdgeTraffic.CountEveryConnection);
            CoordinatorNode.Compose(node);
        }, NodeHostKind.Web);
        await host.StartAsync();
        var http = host.Services.GetRequiredService<WebListener>().Address.Port;
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single(a => new Uri(a).Port != http);
        var system = host.Services.GetRequiredService<ActorSystem>();
        await ServedProcess.RunAsync(new Uri(address).Port, command => command switch
        {
            "bytes" => EdgeTraffic.Report(),
            "kinds" => BytesByKind(system),
            "jit" => FormattableString.Invariant($"jit {System.Runtime.JitInfo.GetCompilationTime().Ticks} {System.Runtime.JitInfo.GetCompiledMethodCount()}"),
            _ => null,
        });
        await host.StopAsync();
    }
}
