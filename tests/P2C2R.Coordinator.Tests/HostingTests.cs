using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using P2C2R.Coordinator.Hosting;
using P2C2R.Coordinator.Persistence;
using P2C2R.Coordinator.Sessions;
using P2C2R.Hosting;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Tests;

/// <summary>The composition: settings from HOCON, and a host that runs the coordinator on its journal in the data directory.</summary>
public sealed class HostingTests
{
    [Fact]
    public void Settings_come_from_p2c2r_coordinator_with_the_built_in_defaults_beneath()
    {
        var config = ConfigurationFactory.ParseString("p2c2r.coordinator { scheduling.max-attempts = 5, game.frame.bands = 3 }");

        var settings = CoordinatorSettings.From(config);

        Assert.Equal((5, 3, 60, TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(2)),
            (settings.MaxAttempts, settings.Frame.Bands, settings.TicksPerSecond, settings.QuarantineTime, settings.MinimumHedgeDelay));
        Assert.Equal("voxel", settings.Game.Name);
    }

    [Fact]
    public void The_environment_overrides_the_store_and_the_data_directory()
    {
        var environment = new Dictionary<string, string> { ["P2C2R_STORE"] = "postgres", ["P2C2R_DATA_DIR"] = "/var/lib/p2c2r \"x\"" };

        var named = CoordinatorNode.Options.Where(o => o.EnvironmentVariable is not null).ToDictionary(o => o.EnvironmentVariable!, o => o.HoconPath);
        var nowhere = Path.GetTempPath();

        var storage = StorageSettings.From(NodeConfiguration.Load(CoordinatorNode.Name, typeof(CoordinatorNode).Assembly, null, nowhere, environment: environment, environmentPaths: named));
        var defaults = NodeConfiguration.Load(CoordinatorNode.Name, typeof(CoordinatorNode).Assembly, null, nowhere, environment: new Dictionary<string, string>(), environmentPaths: named);

        Assert.Equal(new StorageSettings("postgres", "/var/lib/p2c2r \"x\"", ""), storage);
        Assert.Equal(8765, defaults.GetInt("p2c2r.coordinator.port"));
    }

    [Fact]
    public void Cluster_seed_nodes_come_as_a_list_or_as_the_comma_separated_string_an_option_gives()
    {
        var list = CoordinatorClusterSettings.From(ConfigurationFactory.ParseString("p2c2r.coordinator.cluster.seed-nodes = [\"akka.tcp://coordinator@10.0.0.1:4053\"]"));
        var text = CoordinatorClusterSettings.From(ConfigurationFactory.ParseString("p2c2r.coordinator.cluster.seed-nodes = \"akka.tcp://coordinator@10.0.0.1:4053, akka.tcp://coordinator@10.0.0.2:4053\""));
        var none = CoordinatorClusterSettings.From(Config.Empty);

        Assert.Equal(["akka.tcp://coordinator@10.0.0.1:4053"], list.SeedNodes);
        Assert.Equal(["akka.tcp://coordinator@10.0.0.1:4053", "akka.tcp://coordinator@10.0.0.2:4053"], text.SeedNodes);
        Assert.Empty(none.SeedNodes);
        Assert.Equal(("127.0.0.1", 0, (string?)null), (none.Hostname, none.Port, none.TlsCertificate));
    }

    [Fact]
    public async Task A_host_with_the_coordinator_is_a_cluster_of_one_and_answers_the_edge_from_its_journal_in_the_data_directory()
    {
        var directory = Directory.CreateTempSubdirectory("p2c2r-hosting-").FullName;
        try
        {
            var config = ConfigurationFactory.ParseString($"p2c2r.persistence {{ store = sqlite, data-dir = \"{directory}\" }}");
            var builder = Host.CreateApplicationBuilder();
            builder.Services.AddAkka("hosting-test", akka => akka.WithCoordinator(config));
            using var host = builder.Build();
            await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));

            var gamers = await host.Services.GetRequiredService<ActorRegistry>().GetAsync<GamerSessions>().WaitAsync(TimeSpan.FromSeconds(10));
            var balance = await gamers.Ask<AccountBalance>(new GamerCommand("ann", new QueryBalance()), TimeSpan.FromSeconds(10));
            var sessions = await gamers.Ask<SessionList>(new GamerCommand("ann", new ListSessions()), TimeSpan.FromSeconds(5));
            var cluster = Akka.Cluster.Cluster.Get(host.Services.GetRequiredService<ActorSystem>());
            var up = new TaskCompletionSource();
            cluster.RegisterOnMemberUp(up.SetResult);
            await up.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Contains(CoordinatorClusterSettings.Role, cluster.SelfRoles);
            Assert.Equal("127.0.0.1", cluster.SelfAddress.Host);

            Assert.Equal(new AccountBalance("ann", 0), balance);
            Assert.Empty(sessions.Sessions);
            Assert.True(File.Exists(Path.Combine(directory, "journal.db")));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
