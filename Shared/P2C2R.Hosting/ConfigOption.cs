using System.CommandLine;

namespace P2C2R.Hosting;

/// <summary>
/// A command-line option that sets one configuration path (<c>--port</c> sets
/// <c>p2c2r.coordinator.port</c>), the highest layer of the configuration. It is an ordinary
/// System.CommandLine option, so a command can show and parse it like any other. An option may also
/// name an environment variable (<c>P2C2R_COORDINATOR_PORT</c>) that sets the same path one layer
/// below the command line, so scripts and service managers need not spell configuration paths.
/// An option may imply other settings when given (<see cref="Implying"/>): <c>--join-cluster</c>
/// also names the actor system as the cluster's members are named. An option given explicitly wins
/// over what another implies.
/// </summary>
public sealed class ConfigOption : Option<string>
{
    private readonly Dictionary<string, string> implied = new(StringComparer.Ordinal);

    private ConfigOption(string name, string description, string hoconPath, string? environmentVariable)
        : base(name)
    {
        Description = environmentVariable is null ? description : $"{description} (environment: {environmentVariable})";
        HoconPath = hoconPath;
        EnvironmentVariable = environmentVariable;
    }

    /// <summary>The configuration path the option's value is assigned to (always as a string).</summary>
    public string HoconPath { get; }

    /// <summary>The environment variable that sets <see cref="HoconPath"/> when the option is not given, if any.</summary>
    public string? EnvironmentVariable { get; }

    /// <summary>Settings (path, value) that giving this option on the command line also makes.</summary>
    public IReadOnlyDictionary<string, string> Implied => implied;

    /// <summary>When this option is given, <paramref name="hoconPath"/> is also set to <paramref name="value"/>.</summary>
    public ConfigOption Implying(string hoconPath, string value)
    {
        implied[hoconPath] = value;
        return this;
    }

    public static ConfigOption Create(string name, string description, string hoconPath, string? environmentVariable = null) =>
        new(name, description, hoconPath, environmentVariable);
}
