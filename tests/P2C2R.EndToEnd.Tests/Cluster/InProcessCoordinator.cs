using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using P2C2R.Coordinator;
using P2C2R.Coordinator.Edge;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Hosting;
using P2C2R.Coordinator.Scheduling;
using P2C2R.Coordinator.Sessions;
using P2C2R.Coordinator.Web;
using P2C2R.Edge.Client;
using P2C2R.GameSdk;
using P2C2R.Hosting;

namespace P2C2R.EndToEnd.Tests.Cluster;

/// <summary>
/// A coordinator node in this process, composed as the executable composes it
/// (<see cref="CoordinatorNode.Compose"/> in a web host), its edge on a free port of 127.0.0.1 and
/// its SQLite journal in a temporary folder deleted on dispose. What it is given on top of the
/// built-in defaults are HOCON overrides, as an operator would write them; only a game that is not
/// built in needs <see cref="CustomGameNode"/>.
/// </summary>
public sealed class InProcessCoordinator : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private readonly IHost _host;
    private readonly string _folder;

    private InProcessCoordinator(IHost host, string folder, CoordinatorSettings settings, CoordinatorAddress endpoint)
    {
        _host = host;
        _folder = folder;
        Settings = settings;
        Endpoint = endpoint;
        System = host.Services.GetRequiredService<ActorSystem>();
        Targets = host.Services.GetRequiredService<EdgeTargetsProvider>().Targets;
    }

    public CoordinatorSettings Settings { get; }

    /// <summary>Where helpers and gamers dial: 127.0.0.1 and the port Kestrel bound.</summary>
    public CoordinatorAddress Endpoint { get; }

    public ActorSystem System { get; }

    /// <summary>The registry and session manager that the edge's connection actors talk to.</summary>
    public EdgeTargets Targets { get; }

    /// <param name="overrides">HOCON paths and values over the built-in defaults (port, address and journal are set here).</param>
    /// <param name="game">A game that is not built in; null hosts the configured one.</param>
    public static async Task<InProcessCoordinator> StartAsync(Dictionary<string, string>? overrides = null, IGame? game = null)
    {
        var folder = Directory.CreateTempSubdirectory("p2c2r-coordinator-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["p2c2r.coordinator.port"] = "0",
            ["p2c2r.coordinator.http.port"] = "0",
            ["p2c2r.coordinator.bind-address"] = "127.0.0.1",
            ["p2c2r.persistence.store"] = "sqlite",
            ["p2c2r.persistence.data-dir"] = Path.Combine(folder, "data"),
            // Every simulated helper dials from a loopback address of its own: each is a host of its own.
            ["p2c2r.coordinator.replicas.ipv4-prefix"] = "32",
        };
        foreach (var (path, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[path] = value;
        }

        var config = NodeConfiguration.ForTests(CoordinatorNode.Name, typeof(CoordinatorNode).Assembly, settings);
        var coordinatorSettings = CoordinatorSettings.From(config);
        if (game is not null)
        {
            coordinatorSettings = coordinatorSettings with { Game = game };
        }

        var host = NodeHostBuilder.Build(CoordinatorNode.Name, config, node =>
        {
            node.Logging.SetMinimumLevel(LogLevel.Warning);
            if (game is null)
            {
                CoordinatorNode.Compose(node);
            }
            else
            {
                CustomGameNode.Compose(node, coordinatorSettings);
            }
        }, NodeHostKind.Web);
        try
        {
            await host.StartAsync().WaitAsync(StartTimeout);
            return new InProcessCoordinator(host, folder, coordinatorSettings, new CoordinatorAddress("127.0.0.1", BoundPort(host)));
        }
        catch
        {
            host.Dispose();
            DeleteFolder(folder);
            throw;
        }
    }

    /// <summary>The helpers the registry knows now.</summary>
    public async Task<HelperDirectory> DirectoryAsync() =>
        await Targets.Registry.Ask<HelperDirectory>(SubscribeHelpers.Instance, TimeSpan.FromSeconds(5));

    /// <summary>The scheduler's counters.</summary>
    public async Task<SchedulerStats> SchedulerStatsAsync() =>
        await System.ActorSelection("/user/scheduler").Ask<SchedulerStats>(new QuerySchedulerStats(), TimeSpan.FromSeconds(5));

    /// <summary>The actor of a running session (the child of its entity, in whichever shard holds it).</summary>
    public async Task<IActorRef> SessionActorAsync(string sessionId) =>
        await System.ActorSelection($"/system/sharding/{SessionShards.TypeName}/*/{sessionId}/session").ResolveOne(TimeSpan.FromSeconds(5));

    /// <summary>Waits until the registry has at least <paramref name="count"/> helpers connected.</summary>
    public async Task WaitForHelpersAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var known = 0;
        while (DateTime.UtcNow < deadline)
        {
            known = (await DirectoryAsync()).Helpers.Count;
            if (known >= count)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{known} of {count} helpers registered within {timeout.TotalSeconds:0} s");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync().WaitAsync(StopTimeout);
        }
        finally
        {
            _host.Dispose();
            DeleteFolder(_folder);
        }
    }

    /// <summary>The edge's port: the one Kestrel bound that is not the HTTP endpoints'.</summary>
    private static int BoundPort(IHost host)
    {
        var addresses = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("the coordinator's web host reports no addresses");
        var http = host.Services.GetRequiredService<WebListener>().Address.Port;
        return addresses.Select(address => new Uri(address).Port).Single(port => port != http);
    }

    private static void DeleteFolder(string folder)
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
