using System.Reflection;
using P2C2R.Actors;
using P2C2R.Hocon;
using P2C2R.Remote;

namespace P2C2R.Hosting;

/// <summary>
/// How every executable finds its configuration, lowest layer first: the actor runtime's and
/// remoting's defaults, the executable's own defaults embedded in its assembly (<c>&lt;name&gt;.conf</c>), the
/// editable <c>hocon/&lt;name&gt;.conf</c> when present, <c>--config FILE</c>, and finally the
/// single settings of command-line options (<c>--port</c>, <c>--data-dir</c>...). All layers
/// resolve together, so a later layer may refer to and override anything earlier: <c>--port</c>
/// also moves every setting defined as <c>${p2c2r.coordinator.port}</c>.
/// </summary>
public static class NodeConfiguration
{
    public static Config Load(string name, Assembly defaults, string? configFile, string? workingDirectory = null, IEnumerable<(string Path, string Value, string Source)>? settings = null)
    {
        var builder = new ConfigBuilder()
            .AddEmbeddedResource(typeof(ActorSystem).Assembly, "reference.conf")
            .AddEmbeddedResource(typeof(RemoteSettings).Assembly, "remote.conf")
            .AddEmbeddedResource(defaults, $"{name}.conf");
        if (FindEditableFile(name, workingDirectory ?? Directory.GetCurrentDirectory()) is { } editable)
        {
            builder.AddFile(editable);
        }

        if (configFile is not null)
        {
            builder.AddFile(configFile);
        }

        foreach (var (path, value, source) in settings ?? [])
        {
            builder.AddText($"{path} = {System.Text.Json.JsonSerializer.Serialize(value)}", source);
        }

        return builder.Build();
    }

    /// <summary>The nearest <c>hocon/&lt;name&gt;.conf</c> from the working directory upwards.</summary>
    internal static string? FindEditableFile(string name, string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "hocon", $"{name}.conf");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
