using System.Reflection;
using Microsoft.Extensions.Logging;
using P2C2R.GamerClient.Connection;
using P2C2R.Hocon;
using P2C2R.Hosting;

namespace P2C2R.GamerClient.Commands;

/// <summary>
/// What every gamer command shares: configuration (embedded defaults, hocon/gamer.conf,
/// --config), a --coordinator override, logs on stderr so --json output stays clean.
/// </summary>
public sealed record ClientContext(Config Config, string? Coordinator, bool Json, ILoggerFactory Logging)
{
    /// <summary>Loads the configuration; <paramref name="quiet"/> keeps all but critical logs off a terminal that shows frames.</summary>
    public static ClientContext Load(Assembly defaults, FileInfo? configFile, string? coordinator, bool json, bool quiet = false)
    {
        var config = NodeConfiguration.Load("gamer", defaults, configFile?.FullName);
        var logging = LoggerFactory.Create(builder => builder
            .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddFilter(level => level >= (quiet ? LogLevel.Critical : LogLevel.Warning)));
        return new ClientContext(config, coordinator, json, logging);
    }

    public GamerConnection Connect() => GamerConnection.Open(Config, Coordinator, Logging);
}
