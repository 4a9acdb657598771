using System.Reflection;
using Akka.Configuration;

namespace P2C2R.Hosting.Configuration;

/// <summary>
/// One layer of a node's configuration: HOCON text and where it came from (a file, an embedded
/// resource, the environment, the command line), so that a mistake is reported against its source.
/// </summary>
internal sealed record ConfigLayer(string Source, string Text)
{
    public static ConfigLayer FromEmbeddedResource(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new ConfigurationException($"{assembly.GetName().Name} has no embedded resource {resourceName} (its defaults)");
        using var reader = new StreamReader(stream);
        return new ConfigLayer($"{resourceName} (embedded in {assembly.GetName().Name})", reader.ReadToEnd());
    }

    public static ConfigLayer FromFile(string path)
    {
        try
        {
            return new ConfigLayer(path, File.ReadAllText(path));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{path}: cannot read the configuration file: {error.Message}", error);
        }
    }

    /// <summary>Single settings (path and value), every value a string, as HOCON assignments one per line.</summary>
    public static ConfigLayer FromSettings(string source, IEnumerable<KeyValuePair<string, string>> settings)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (path, value) in settings)
        {
            text.Append(HoconText.Path(path, source)).Append(" = ").Append(HoconText.Quote(value)).Append('\n');
        }

        return new ConfigLayer(source, text.ToString());
    }
}
