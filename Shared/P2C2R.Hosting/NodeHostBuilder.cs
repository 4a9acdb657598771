using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace P2C2R.Hosting;

/// <summary>
/// The composition root of one executable: its services, its logging and its actors
/// (<see cref="WithAkka"/>, then Akka.Hosting's <c>WithActors</c>) are registered in this one
/// place, and <see cref="Build"/> turns them into a generic host running one actor system named
/// after the node. The node's configuration is registered as a service (<see cref="Config"/>).
/// </summary>
public sealed class NodeHostBuilder
{
    private readonly List<Action<AkkaConfigurationBuilder, IServiceProvider>> _akka = [];

    private NodeHostBuilder(string name, Config config, HostApplicationBuilder host)
    {
        Name = name;
        Config = config;
        Host = host;
    }

    /// <summary>The node's name (<c>coordinator</c>, <c>peer</c>, <c>gamer</c>): its configuration file and its default system name.</summary>
    public string Name { get; }

    public Config Config { get; }

    /// <summary>The underlying builder, for what the properties below do not reach.</summary>
    public HostApplicationBuilder Host { get; }

    public IServiceCollection Services => Host.Services;

    public ILoggingBuilder Logging => Host.Logging;

    /// <summary>Adds to the actor system's setup; callbacks run in the order added, when the system is created.</summary>
    public NodeHostBuilder WithAkka(Action<AkkaConfigurationBuilder, IServiceProvider> configure)
    {
        _akka.Add(configure);
        return this;
    }

    /// <summary>
    /// A host without the generic defaults (no appsettings.json, no DOTNET_ variables: the HOCON layers
    /// are the configuration), logging to the console, with the actor system of
    /// <see cref="AkkaServiceCollectionExtensions.AddP2C2RAkka"/>.
    /// </summary>
    public static IHost Build(string name, Config config, Action<NodeHostBuilder>? configure = null)
    {
        var host = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = name,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        host.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });
        host.Services.AddSingleton(config);

        var node = new NodeHostBuilder(name, config, host);
        configure?.Invoke(node);
        host.Services.AddP2C2RAkka(NodeConfiguration.SystemName(config, name), config, (akka, provider) =>
        {
            foreach (var step in node._akka)
            {
                step(akka, provider);
            }
        });
        return host.Build();
    }
}
