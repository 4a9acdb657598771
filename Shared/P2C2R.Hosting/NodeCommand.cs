using System.CommandLine;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using P2C2R.Hocon;
using P2C2R.Hocon.Configuration;

namespace P2C2R.Hosting;

/// <summary>
/// The command line every P2C2R executable shares: <c>--config FILE</c> and
/// <c>--print-config</c>. It builds a generic host whose .NET configuration is the node's HOCON
/// with <c>P2C2R_</c> environment variables on top (for example <c>P2C2R_p2c2r__coordinator__port</c>),
/// so hosted services bind their options from it. Every node runs an actor system named after it.
/// </summary>
public static class NodeCommand
{
    public static RootCommand Create(string name, string description, Assembly defaults, Action<HostApplicationBuilder, Config>? configure = null, params ConfigOption[] options)
    {
        var configOption = new Option<FileInfo?>("--config") { Description = "HOCON file layered over the defaults and hocon/" + name + ".conf" };
        var printOption = new Option<bool>("--print-config") { Description = "Print the effective configuration and exit" };
        var nameOption = new Option<string?>("--name") { Description = "Name of this node's actor system (unique per host for helpers)" };
        var command = new RootCommand(description) { configOption, printOption, nameOption };
        foreach (var option in options)
        {
            command.Options.Add(option.Option);
        }

        command.SetAction(async (parse, cancellation) =>
        {
            Config config;
            try
            {
                var settings = options
                    .Select(option => (option, value: parse.GetValue(option.Option)))
                    .Where(set => set.value is not null)
                    .Select(set => (set.option.Path, set.value!, set.option.Option.Name))
                    .ToList();
                if (parse.GetValue(nameOption) is { } nodeName)
                {
                    settings.Insert(0, ("p2c2r.node.name", nodeName, "--name"));
                }

                config = NodeConfiguration.Load(name, defaults, parse.GetValue(configOption)?.FullName, settings: settings);
            }
            catch (ConfigException error)
            {
                await Console.Error.WriteLineAsync($"{name}: configuration error: {error.Message}");
                return 2;
            }

            if (parse.GetValue(printOption))
            {
                Console.WriteLine(config);
                return 0;
            }

            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddHocon(config).AddEnvironmentVariables("P2C2R_");
            builder.Services.AddSingleton(config);
            builder.Services.AddSingleton(services => new ActorSystemService(
                name, config, services.GetRequiredService<ILoggerFactory>(), services.GetServices<P2C2R.Remote.Serialization.IMessageCatalog>()));
            builder.Services.AddHostedService(services => services.GetRequiredService<ActorSystemService>());
            configure?.Invoke(builder, config);
            using var host = builder.Build();
            await host.RunAsync(cancellation);
            return 0;
        });
        return command;
    }
}
