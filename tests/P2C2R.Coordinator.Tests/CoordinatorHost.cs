using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using P2C2R.Coordinator.Hosting;
using P2C2R.Coordinator.Ledger;
using P2C2R.Coordinator.Persistence;
using P2C2R.Coordinator.Sessions;
using P2C2R.Membership;

namespace P2C2R.Coordinator.Tests;

/// <summary>
/// A coordinator node's actors without its edge, hosted as the executable hosts them (a cluster of
/// one, the ledger singleton, the gamer and session shard regions) on a SQLite journal in a
/// directory of the test's, with settings given in code. Stopping it and starting another on
/// the same directory is a coordinator restarted.
/// </summary>
internal sealed class CoordinatorHost(IHost host) : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public ActorSystem System => host.Services.GetRequiredService<ActorSystem>();

    /// <summary>The gamer accounts' shard region, where a gamer connection sends its <see cref="GamerCommand"/>s.</summary>
    public IActorRef Gamers { get; private init; } = ActorRefs.Nobody;

    /// <summary>The cluster's ledger (its singleton proxy).</summary>
    public IActorRef Ledger { get; private init; } = ActorRefs.Nobody;

    public static async Task<CoordinatorHost> StartAsync(string directory, CoordinatorSettings settings, string name = "coordinator")
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAkka(name, akka => akka
            .AddHocon(CoordinatorConfig.Akka(StorageSettings.Sqlite(directory)), HoconAddMode.Prepend)
            .AddHocon("akka.loglevel = WARNING", HoconAddMode.Prepend)
            .WithCoordinatorCluster(new ClusterNodeSettings("127.0.0.1", null, 0, [], null, null))
            .WithCoordinatorActors(settings));
        var host = builder.Build();
        await host.StartAsync().WaitAsync(Timeout);
        var registry = host.Services.GetRequiredService<ActorRegistry>();
        return new CoordinatorHost(host)
        {
            Gamers = await registry.GetAsync<GamerSessions>().WaitAsync(Timeout),
            Ledger = await registry.GetAsync<CreditLedger>().WaitAsync(Timeout),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync().WaitAsync(Timeout);
        host.Dispose();
    }
}
