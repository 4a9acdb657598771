using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace P2C2R.Hosting.Tests;

/// <summary>
/// <see cref="AkkaServiceCollectionExtensions.AddP2C2RAkka"/>: the actor system gets the node's
/// HOCON over whatever code added, and logs through Microsoft.Extensions.Logging.
/// </summary>
public sealed class AkkaHostingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_actor_system_uses_the_node_configuration_over_code_and_logs_through_the_host()
    {
        var config = NodeConfiguration.ForTests("testnode", typeof(AkkaHostingTests).Assembly, new Dictionary<string, string>
        {
            ["p2c2r.testnode.port"] = "42",
            ["akka.loglevel"] = "DEBUG",
        });
        var capture = new CapturingLoggerProvider();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddProvider(capture);
        builder.Services.AddP2C2RAkka("hosting-test", config, (akka, _) =>
            akka.AddHocon("p2c2r.testnode { port = 7, from-code = yes }", HoconAddMode.Prepend));
        using var host = builder.Build();

        await host.StartAsync().WaitAsync(Patience);
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            Assert.Equal("hosting-test", system.Name);
            Assert.Equal(42, system.Settings.Config.GetInt("p2c2r.testnode.port"));
            Assert.Equal(42, system.Settings.Config.GetInt("p2c2r.testnode.listen-port"));
            Assert.Equal("yes", system.Settings.Config.GetString("p2c2r.testnode.from-code"));
            Assert.Equal("DEBUG", system.Settings.LogLevel);

            system.Log.Info("hello from the actor system");
            var deadline = DateTime.UtcNow + Patience;
            while (!capture.Messages.Any(message => message.Contains("hello from the actor system")))
            {
                Assert.True(DateTime.UtcNow < deadline, "the log event did not reach the host's logging");
                await Task.Delay(20);
            }
        }
        finally
        {
            await host.StopAsync().WaitAsync(Patience);
        }
    }
}
