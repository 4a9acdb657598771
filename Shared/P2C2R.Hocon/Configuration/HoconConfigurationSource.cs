using Microsoft.Extensions.Configuration;

namespace P2C2R.Hocon.Configuration;

/// <summary>
/// Lets hosted services bind <c>IOptions&lt;T&gt;</c> from HOCON. Keys drop their dashes so that
/// <c>tick-rate</c> binds to a <c>TickRate</c> property, and durations such as <c>10s</c> are
/// rewritten as <see cref="TimeSpan"/> text so they bind to <see cref="TimeSpan"/> properties.
/// Environment variables added after this source override it, as usual for .NET configuration.
/// </summary>
public sealed class HoconConfigurationSource(Config config) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new HoconConfigurationProvider(config);
}

/// <summary>Flattens a <see cref="Config"/> into the colon-separated keys of .NET configuration.</summary>
public sealed class HoconConfigurationProvider(Config config) : ConfigurationProvider
{
    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, value) in config.Flatten())
        {
            var key = string.Join(ConfigurationPath.KeyDelimiter,
                HoconPathSegments(path).Select(segment => segment.Replace("-", "", StringComparison.Ordinal)));
            data[key] = value is not null && IsDuration(value, out var duration) ? duration.ToString("c") : value;
        }

        Data = data;
    }

    private static IEnumerable<string> HoconPathSegments(string path) => Parsing.HoconParser.ParsePath(path);

    private static bool IsDuration(string value, out TimeSpan duration)
    {
        duration = default;
        var unit = value.TrimStart("0123456789.-+ ".ToCharArray());
        return unit.Length > 0 && unit is not ("m" or "M" or "k" or "K" or "g" or "G" or "t" or "T") &&
               !char.IsDigit(unit[0]) && value.Length > unit.Length && HoconUnits.TryParseDuration(value, out duration);
    }
}

/// <summary>Registration helpers in the style of the built-in configuration sources.</summary>
public static class HoconConfigurationExtensions
{
    public static IConfigurationBuilder AddHocon(this IConfigurationBuilder builder, Config config) =>
        builder.Add(new HoconConfigurationSource(config));
}
