using System.CommandLine;
using System.Reflection;
using Akka.Configuration;
using Microsoft.Extensions.Logging;
using P2C2R.GamerClient.Connection;
using P2C2R.Hosting;

namespace P2C2R.GamerClient.Commands;

/// <summary>
/// What every gamer command shares: the layered configuration (embedded defaults,
/// hocon/gamer.conf, --config, then the options), the settings read from it, and logs on stderr
/// so that --json output and the terminal view stay clean.
/// </summary>
public sealed class ClientContext : IDisposable
{
    private ClientContext(Config config, GamerSettings settings, bool json, ILoggerFactory logging, TextWriter output, TextWriter error)
    {
        Config = config;
        Settings = settings;
        Json = json;
        Logging = logging;
        Output = output;
        Error = error;
    }

    public Config Config { get; }

    public GamerSettings Settings { get; }

    public bool Json { get; }

    public ILoggerFactory Logging { get; }

    /// <summary>Where results go (stdout, unless the invocation says otherwise).</summary>
    public TextWriter Output { get; }

    /// <summary>Where progress and problems go (stderr, unless the invocation says otherwise).</summary>
    public TextWriter Error { get; }

    /// <summary>Loads the configuration; <paramref name="quiet"/> keeps all but critical logs off a terminal that shows frames.</summary>
    public static ClientContext Load(ParseResult parse, Assembly defaults, bool quiet = false)
    {
        var settings = new Dictionary<string, string>();
        foreach (var (option, path) in GamerOptions.Settings)
        {
            if (parse.GetValue(option) is { } value)
            {
                settings[path] = value;
            }
        }

        var config = NodeConfiguration.Load("gamer", defaults, parse.GetValue(GamerOptions.Config)?.FullName, settings: settings);
        var logging = LoggerFactory.Create(builder => builder
            .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddFilter(level => level >= (quiet ? LogLevel.Critical : LogLevel.Warning)));
        return new ClientContext(config, GamerSettings.From(config), parse.GetValue(GamerOptions.Json), logging,
            CommandOutput.Output(parse), CommandOutput.Error(parse));
    }

    public Task<GamerConnection> ConnectAsync(CancellationToken cancellation) =>
        GamerConnection.OpenAsync(Settings, Config, Logging, cancellation);

    public void Print(object json, string text) => CommandOutput.Print(Output, Json, json, text);

    public void Dispose() => Logging.Dispose();
}
