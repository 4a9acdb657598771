using Akka.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Hosting;
using P2C2R.Coordinator.Ledger;
using P2C2R.Coordinator.Sessions;
using P2C2R.Coordinator.Web;
using P2C2R.Edge.Client;
using P2C2R.Hosting;

namespace P2C2R.Web.Tests;

/// <summary>
/// A coordinator node in this process composed as the executable composes it
/// (<see cref="CoordinatorNode.Compose"/> in a web host), its edge and HTTP endpoints on free
/// ports of 127.0.0.1, its SQLite journal in a temporary folder deleted on dispose, and small
/// frames so that a session costs little CPU. <see cref="Http"/> talks to its endpoints.
/// </summary>
internal sealed class WebNode : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private readonly IHost _host;
    private readonly string _folder;

    private WebNode(IHost host, string folder)
    {
        _host = host;
        _folder = folder;
        System = host.Services.GetRequiredService<ActorSystem>();
        Http = new HttpClient { BaseAddress = host.Services.GetRequiredService<WebListener>().Address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public ActorSystem System { get; }

    public HttpClient Http { get; }

    /// <summary>Where helpers and gamers dial: 127.0.0.1 and the edge's port (the one Kestrel bound that is not the HTTP endpoints').</summary>
    public CoordinatorAddress Edge
    {
        get
        {
            var addresses = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
                ?? throw new InvalidOperationException("the node's web host reports no addresses");
            return new CoordinatorAddress("127.0.0.1", addresses.Select(address => new Uri(address).Port).Single(port => port != Http.BaseAddress!.Port));
        }
    }

    /// <param name="overrides">HOCON paths and values over the test's settings.</param>
    public static async Task<WebNode> StartAsync(Dictionary<string, string>? overrides = null)
    {
        var folder = Directory.CreateTempSubdirectory("p2c2r-web-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["p2c2r.coordinator.port"] = "0",
            ["p2c2r.coordinator.http.port"] = "0",
            ["p2c2r.coordinator.bind-address"] = "127.0.0.1",
            ["p2c2r.persistence.data-dir"] = Path.Combine(folder, "data"),
            ["p2c2r.coordinator.game.frame.trace-width"] = "32",
            ["p2c2r.coordinator.game.frame.trace-height"] = "18",
            ["p2c2r.coordinator.game.frame.width"] = "64",
            ["p2c2r.coordinator.game.frame.height"] = "36",
            ["p2c2r.coordinator.game.frame.bands"] = "2",
        };
        foreach (var (path, value) in overrides ?? [])
        {
            settings[path] = value;
        }

        var config = NodeConfiguration.ForTests(CoordinatorNode.Name, typeof(CoordinatorNode).Assembly, settings);
        var host = NodeHostBuilder.Build(CoordinatorNode.Name, config, node =>
        {
            node.Logging.SetMinimumLevel(LogLevel.Warning);
            CoordinatorNode.Compose(node);
        }, NodeHostKind.Web);
        try
        {
            await host.StartAsync().WaitAsync(StartTimeout);
            return new WebNode(host, folder);
        }
        catch
        {
            host.Dispose();
            DeleteFolder(folder);
            throw;
        }
    }

    /// <summary>The gamer accounts' shard region, where a gamer connection sends its <see cref="GamerCommand"/>s.</summary>
    public Task<IActorRef> GamersAsync() => _host.Services.GetRequiredService<ActorRegistry>().GetAsync<GamerSessions>().WaitAsync(StartTimeout);

    /// <summary>The helper registry, where a helper connection sends its <see cref="P2C2R.Coordinator.Helpers.HelperJoined"/>.</summary>
    public Task<IActorRef> RegistryAsync() => _host.Services.GetRequiredService<ActorRegistry>().GetAsync<PeerRegistry>().WaitAsync(StartTimeout);

    /// <summary>The credit ledger (a cluster singleton's proxy), which pays helpers for their validated tasks.</summary>
    public Task<IActorRef> LedgerAsync() => _host.Services.GetRequiredService<ActorRegistry>().GetAsync<CreditLedger>().WaitAsync(StartTimeout);

    /// <summary>GETs <paramref name="path"/> until <paramref name="done"/> holds for the answer, for at most <paramref name="timeout"/>.</summary>
    public async Task<(HttpResponseMessage Response, string Body)> PollAsync(string path, Func<HttpResponseMessage, string, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var response = await Http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            if (done(response, body) || DateTime.UtcNow > deadline)
            {
                return (response, body);
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
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

    private static void DeleteFolder(string folder)
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
