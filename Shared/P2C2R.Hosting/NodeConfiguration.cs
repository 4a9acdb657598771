using System.Reflection;
using System.Text.RegularExpressions;
using Akka.Configuration;
using P2C2R.Hosting.Configuration;

namespace P2C2R.Hosting;

/// <summary>
/// How every executable finds its configuration, lowest layer first: its own defaults embedded in
/// its assembly (<c>&lt;node&gt;.conf</c>), the editable <c>hocon/&lt;node&gt;.conf</c> nearest above
/// the working directory, <c>--config FILE</c>, <c>P2C2R_</c> environment variables (see
/// <see cref="EnvironmentSettings"/>), then single settings from the command line (<c>--port</c>...).
/// The layers are one document: <c>--port</c> also moves every setting defined as
/// <c>${p2c2r.coordinator.port}</c>. Akka's own defaults are not a layer here: the actor system
/// falls back on them. Every mistake is a <see cref="ConfigurationException"/> naming file and line.
/// </summary>
public static partial class NodeConfiguration
{
    public const string NodeNamePath = "p2c2r.node.name";

    public static Config Load(
        string nodeName,
        Assembly defaultsAssembly,
        string? configFile,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? settings = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var directory = workingDirectory ?? Directory.GetCurrentDirectory();
        var variables = environment ?? EnvironmentSettings.Process();
        var layers = new List<ConfigLayer> { ConfigLayer.FromEmbeddedResource(defaultsAssembly, $"{nodeName}.conf") };
        if (FindEditableFile(nodeName, directory) is { } editable)
        {
            layers.Add(ConfigLayer.FromFile(editable));
        }

        if (configFile is not null)
        {
            var path = Path.GetFullPath(configFile, directory);
            if (!File.Exists(path))
            {
                throw new ConfigurationException($"{configFile}: no such configuration file");
            }

            layers.Add(ConfigLayer.FromFile(path));
        }

        layers.Add(ConfigLayer.FromSettings("environment", EnvironmentSettings.From(variables)));
        layers.Add(ConfigLayer.FromSettings("command line", settings ?? new Dictionary<string, string>()));
        return LayeredHocon.Parse(layers, variables);
    }

    /// <summary>
    /// The embedded defaults with <paramref name="overrides"/> (path, string value) on top; no file and
    /// no environment, so a test sees the same configuration on every machine.
    /// </summary>
    public static Config ForTests(string nodeName, Assembly defaultsAssembly, IReadOnlyDictionary<string, string> overrides) =>
        LayeredHocon.Parse(
            [ConfigLayer.FromEmbeddedResource(defaultsAssembly, $"{nodeName}.conf"), ConfigLayer.FromSettings("test overrides", overrides)],
            new Dictionary<string, string>());

    /// <summary>The actor system's name: <c>p2c2r.node.name</c>, else <paramref name="fallback"/> (helpers on one host need distinct names).</summary>
    public static string SystemName(Config config, string fallback)
    {
        var name = config.HasPath(NodeNamePath) ? config.GetString(NodeNamePath) : null;
        name = string.IsNullOrWhiteSpace(name) ? fallback : name;
        return ActorSystemName().IsMatch(name)
            ? name
            : throw new ConfigurationException($"{NodeNamePath} = '{name}': an actor system name has letters, digits, '-' and '_', and starts with a letter or digit");
    }

    /// <summary>The nearest <c>hocon/&lt;node&gt;.conf</c> from <paramref name="start"/> upwards, or null.</summary>
    public static string? FindEditableFile(string nodeName, string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "hocon", $"{nodeName}.conf");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_-]*$")]
    private static partial Regex ActorSystemName();
}
