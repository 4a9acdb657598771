using Akka.Configuration;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace P2C2R.Hosting;

/// <summary>
/// The composition root of one executable: its services, its logging and its actors
/// (<see cref="WithAkka"/>, then Akka.Hosting's <c>WithActors</c>) are registered in this one
/// place, and <see cref="Build"/> turns them into a generic host running one actor system named
/// after the node. The node's configuration is registered as a service (<see cref="Config"/>).
/// A web node maps its HTTP endpoints here too (<see cref="MapWeb"/>), since endpoints can only be
/// mapped on the application that the builder builds.
/// </summary>
public sealed class NodeHostBuilder
{
    private readonly List<Action<AkkaConfigurationBuilder, IServiceProvider>> _akka = [];
    private readonly List<Action<WebApplication>> _web = [];

    private NodeHostBuilder(string name, Config config, IHostApplicationBuilder host)
    {
        Name = name;
        Config = config;
        Host = host;
    }

    /// <summary>The node's name (<c>coordinator</c>, <c>peer</c>, <c>gamer</c>): its configuration file and its default system name.</summary>
    public string Name { get; }

    public Config Config { get; }

    /// <summary>The underlying builder, for what the properties below do not reach.</summary>
    public IHostApplicationBuilder Host { get; }

    /// <summary>The web host's builder when the node was built as <see cref="NodeHostKind.Web"/>, for Kestrel listeners; otherwise null.</summary>
    public WebApplicationBuilder? Web => Host as WebApplicationBuilder;

    public IServiceCollection Services => Host.Services;

    public ILoggingBuilder Logging => Host.Logging;

    /// <summary>Adds to the actor system's setup; callbacks run in the order added, when the system is created.</summary>
    public NodeHostBuilder WithAkka(Action<AkkaConfigurationBuilder, IServiceProvider> configure)
    {
        _akka.Add(configure);
        return this;
    }

    /// <summary>Maps endpoints on the web application once it is built, in the order added; only a <see cref="NodeHostKind.Web"/> node has one.</summary>
    public NodeHostBuilder MapWeb(Action<WebApplication> map)
    {
        if (Web is null)
        {
            throw new InvalidOperationException($"node {Name} is not a web host: it has no endpoints to map");
        }

        _web.Add(map);
        return this;
    }

    /// <summary>
    /// A host without the generic defaults (no appsettings.json, no DOTNET_ variables: the HOCON layers
    /// are the configuration; a web host reads its appsettings files once and does not watch them), logging to the console, with the actor system of
    /// <see cref="AkkaServiceCollectionExtensions.AddP2C2RAkka"/>.
    /// </summary>
    public static IHost Build(string name, Config config, Action<NodeHostBuilder>? configure = null, NodeHostKind kind = NodeHostKind.Generic)
    {
        IHostApplicationBuilder host = kind == NodeHostKind.Web
            ? WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                ApplicationName = name,
                ContentRootPath = Directory.GetCurrentDirectory(),

                // The web host reads appsettings files; watching them would watch the whole working
                // directory, where the journal may be, and wake a thread on every write to it.
                Args = ["--hostBuilder:reloadConfigOnChange=false"],
            })
            : Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                DisableDefaults = true,
                ApplicationName = name,
                ContentRootPath = Directory.GetCurrentDirectory(),
            });
        host.Logging.ClearProviders();
        host.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });
        host.Services.AddSingleton(config);

        var node = new NodeHostBuilder(name, config, host);

        // Akka first: its hosted service then starts before any the node adds, so those may wait
        // on actors. The node's Akka steps are read when the system is created, after configure.
        host.Services.AddP2C2RAkka(NodeConfiguration.SystemName(config, name), config, (akka, provider) =>
        {
            foreach (var step in node._akka)
            {
                step(akka, provider);
            }
        });
        configure?.Invoke(node);
        return host switch
        {
            WebApplicationBuilder web => node.Mapped(web.Build()),
            HostApplicationBuilder generic => generic.Build(),
            _ => throw new InvalidOperationException($"unknown host builder {host.GetType()}"),
        };
    }

    private WebApplication Mapped(WebApplication app)
    {
        foreach (var map in _web)
        {
            map(app);
        }

        return app;
    }
}
