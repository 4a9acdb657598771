using System.CommandLine;

namespace P2C2R.GamerClient.Commands;

/// <summary>
/// The options every gamer command takes. Those that name a setting are layered over the
/// configuration files as <c>p2c2r.gamer.*</c>, so a file, the environment and the command line
/// all set the same thing.
/// </summary>
public static class GamerOptions
{
    public static Option<string?> Coordinator { get; } = new("--coordinator")
    {
        Description = "host:port of the coordinator's edge; several, comma-separated, are tried in order",
        Recursive = true,
    };

    public static Option<FileInfo?> Config { get; } = new("--config")
    {
        Description = "HOCON file layered over the defaults and hocon/gamer.conf",
        Recursive = true,
    };

    public static Option<bool> Json { get; } = new("--json") { Description = "Machine-readable output", Recursive = true };

    public static Option<string?> Identity { get; } = new("--identity")
    {
        Description = "Key file of the gamer's identity (made on first use); the account is derived from the key",
        Recursive = true,
    };

    public static Option<string?> AdmissionToken { get; } = new("--admission-token")
    {
        Description = "Token the coordinator's operator requires of new connections",
        Recursive = true,
    };

    /// <summary>The options that set a configuration path, with that path.</summary>
    public static IReadOnlyList<(Option<string?> Option, string Path)> Settings { get; } =
    [
        (Coordinator, "p2c2r.gamer.coordinator"),
        (Identity, "p2c2r.gamer.identity"),
        (AdmissionToken, "p2c2r.gamer.admission-token"),
    ];

    public static void AddTo(Command root)
    {
        root.Options.Add(Coordinator);
        root.Options.Add(Config);
        root.Options.Add(Json);
        root.Options.Add(Identity);
        root.Options.Add(AdmissionToken);
    }
}
