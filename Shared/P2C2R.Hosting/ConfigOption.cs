using System.CommandLine;

namespace P2C2R.Hosting;

/// <summary>
/// A command-line option that sets one configuration path (<c>--port</c> sets
/// <c>p2c2r.coordinator.port</c>), the highest layer of the configuration. It is an ordinary
/// System.CommandLine option, so a command can show and parse it like any other.
/// </summary>
public sealed class ConfigOption : Option<string>
{
    private ConfigOption(string name, string description, string hoconPath)
        : base(name)
    {
        Description = description;
        HoconPath = hoconPath;
    }

    /// <summary>The configuration path the option's value is assigned to (always as a string).</summary>
    public string HoconPath { get; }

    public static ConfigOption Create(string name, string description, string hoconPath) => new(name, description, hoconPath);
}
