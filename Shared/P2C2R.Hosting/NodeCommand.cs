using System.CommandLine;
using System.Reflection;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace P2C2R.Hosting;

/// <summary>
/// The command line every P2C2R executable shares: <c>--config FILE</c>, <c>--print-config</c> and
/// the executable's <see cref="ConfigOption"/>s. Invoked, it loads the node's configuration and runs
/// the host of <see cref="NodeHostBuilder"/> until Ctrl+C or SIGTERM, which stop the host and with
/// it the actor system through its coordinated shutdown. Callers may add subcommands.
/// </summary>
public static class NodeCommand
{
    /// <summary>
    /// How long after Ctrl+C or SIGTERM the command line waits for the host to stop before it gives
    /// up with exit code 130: beyond the host's own 30 s shutdown timeout, which bounds a clean stop.
    /// </summary>
    public static readonly TimeSpan ShutdownAllowance = TimeSpan.FromSeconds(45);

    public static RootCommand Create(string name, string description, Assembly defaults, Action<NodeHostBuilder>? configure, params ConfigOption[] options) =>
        Create(name, description, defaults, NodeHostKind.Generic, configure, options);

    public static RootCommand Create(string name, string description, Assembly defaults, NodeHostKind kind, Action<NodeHostBuilder>? configure, params ConfigOption[] options)
    {
        var configFile = new Option<FileInfo?>("--config") { Description = $"HOCON file layered over the built-in defaults and hocon/{name}.conf" };
        var printConfig = new Option<bool>("--print-config") { Description = "Print the effective configuration and exit" };
        var command = new RootCommand(description) { configFile, printConfig };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellation) =>
        {
            Config config;
            IHost host;
            try
            {
                var given = options.Where(option => parse.GetValue(option) is not null).ToList();
                var settings = given.ToDictionary(option => option.HoconPath, option => parse.GetValue(option)!);
                foreach (var (path, value) in given.SelectMany(option => option.Implied))
                {
                    settings.TryAdd(path, value);
                }

                var environmentPaths = options
                    .Where(option => option.EnvironmentVariable is not null)
                    .ToDictionary(option => option.EnvironmentVariable!, option => option.HoconPath);
                config = NodeConfiguration.Load(name, defaults, parse.GetValue(configFile)?.FullName, settings: settings, environmentPaths: environmentPaths);
                if (parse.GetValue(printConfig))
                {
                    await parse.InvocationConfiguration.Output.WriteLineAsync(config.Root.ToString());
                    return 0;
                }

                host = NodeHostBuilder.Build(name, config, configure, kind);
            }
            catch (ConfigurationException error)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"{name}: configuration error: {error.Message}");
                return 2;
            }

            using (host)
            {
                return await RunAsync(host, cancellation);
            }
        });
        return command;
    }

    /// <summary>Parses and invokes; Ctrl+C, SIGTERM or <paramref name="cancellation"/> stop a running node cleanly (exit code 0).</summary>
    public static Task<int> InvokeAsync(RootCommand command, string[] args, CancellationToken cancellation = default) =>
        command.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = ShutdownAllowance }, cancellation);

    /// <summary>
    /// Runs the host until it stops or <paramref name="cancellation"/> fires. A node that the cluster
    /// downed exits with 1, so that a service manager restarts it.
    /// </summary>
    private static async Task<int> RunAsync(IHost host, CancellationToken cancellation)
    {
        var started = false;
        try
        {
            await host.StartAsync(cancellation);
            started = true;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }

        await host.WaitForShutdownAsync(cancellation);
        var downed = started && CoordinatedShutdown.Get(host.Services.GetRequiredService<ActorSystem>()).ShutdownReason is CoordinatedShutdown.ClusterDowningReason;
        return downed ? 1 : 0;
    }
}
