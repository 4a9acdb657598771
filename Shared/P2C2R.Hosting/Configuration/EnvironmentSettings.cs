using System.Collections;
using Akka.Configuration;

namespace P2C2R.Hosting.Configuration;

/// <summary>
/// Maps <c>P2C2R_</c> environment variables to configuration paths, for containers and service
/// managers that configure through the environment: after the prefix, <c>__</c> is a dot and a single
/// <c>_</c> a hyphen, all lower-cased (<c>P2C2R_P2C2R__PERSISTENCE__DATA_DIR</c> sets
/// <c>p2c2r.persistence.data-dir</c>). A name without <c>__</c> (such as <c>P2C2R_COORDINATOR</c>)
/// is no path: it is left for the <c>${?...}</c> substitutions of the files.
/// </summary>
internal static class EnvironmentSettings
{
    public const string Prefix = "P2C2R_";

    public static IReadOnlyDictionary<string, string> Process()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value)
            {
                variables[name] = value;
            }
        }

        return variables;
    }

    /// <summary>The settings (path, value) the variables carry, in the order of their names.</summary>
    public static IEnumerable<KeyValuePair<string, string>> From(IReadOnlyDictionary<string, string> environment)
    {
        foreach (var (name, value) in environment.OrderBy(variable => variable.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || !name.Contains("__", StringComparison.Ordinal))
            {
                continue;
            }

            var segments = name[Prefix.Length..].Split("__");
            if (segments.Any(segment => segment.Length == 0))
            {
                throw new ConfigurationException($"environment variable {name}: an empty path segment (use '__' between segments, '_' inside one)");
            }

            yield return new(string.Join('.', segments.Select(segment => segment.ToLowerInvariant().Replace('_', '-'))), value);
        }
    }
}
