using Akka.Configuration;
using P2C2R.Edge.Client;
using P2C2R.Edge.Identity;

namespace P2C2R.GamerClient.Connection;

/// <summary>
/// How the gamer reaches its coordinator, read from <c>p2c2r.gamer</c> (gamer.conf, hocon/gamer.conf,
/// --config, then the command-line options): the coordinators to try in order, the identity key
/// file that makes the account, the operator's admission token, TLS, and how long each wait lasts.
/// </summary>
public sealed record GamerSettings(
    IReadOnlyList<CoordinatorAddress> Coordinators,
    string IdentityPath,
    string? AdmissionToken,
    string Name,
    TimeSpan ConnectTimeout,
    TimeSpan RequestTimeout)
{
    /// <summary>Whether the coordinators' edge speaks TLS (their certificate is checked by the system's validation).</summary>
    public bool Tls { get; init; }

    public static GamerSettings From(Config config)
    {
        var section = config.GetConfig("p2c2r.gamer") ?? throw new ConfigurationException("p2c2r.gamer is missing");
        var list = section.GetString("coordinator", "");
        var coordinators = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ParseAddress)
            .ToArray();
        if (coordinators.Length == 0)
        {
            throw new ConfigurationException("p2c2r.gamer.coordinator names no coordinator (host:port[,host:port])");
        }

        var identity = section.GetString("identity", "");
        var token = section.GetString("admission-token", "");
        var name = section.GetString("name", "");
        return new GamerSettings(
            coordinators,
            identity.Length > 0 ? Path.GetFullPath(identity) : IdentityStore.DefaultPath("gamer"),
            token.Length > 0 ? token : null,
            name.Length > 0 ? name : Environment.UserName,
            Positive(section, "connect-timeout"),
            Positive(section, "request-timeout"))
        {
            Tls = section.GetBoolean("tls", false),
        };
    }

    private static CoordinatorAddress ParseAddress(string text)
    {
        try
        {
            return CoordinatorAddress.Parse(text);
        }
        catch (FormatException error)
        {
            throw new ConfigurationException($"p2c2r.gamer.coordinator: '{text}' is not host:port ({error.Message})");
        }
    }

    private static TimeSpan Positive(Config section, string key)
    {
        var value = section.GetTimeSpan(key, null, allowInfinite: false);
        return value > TimeSpan.Zero ? value : throw new ConfigurationException($"p2c2r.gamer.{key} must be positive");
    }
}
