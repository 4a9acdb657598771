using System.Globalization;

namespace P2C2R.Remote;

/// <summary>
/// Where an actor system can be reached: <c>p2c2r.tcp://system@host:port</c>. Port 0 names a
/// system that does not listen (a helper behind NAT); it is reached over the connection it dials.
/// </summary>
public sealed record Address(string System, string Host, int Port)
{
    public const string Scheme = "p2c2r.tcp";
    private const string Prefix = Scheme + "://";

    public bool CanBeDialled => Port > 0;

    public override string ToString() => $"{Prefix}{System}@{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses an address, or the address part of an actor path, with a clear error.</summary>
    public static Address Parse(string text) =>
        TryParse(text, out var address, out _) ? address : throw new FormatException($"invalid address [{text}]: expected {Prefix}system@host:port");

    public static bool TryParse(ReadOnlySpan<char> text, out Address address, out int length)
    {
        address = null!;
        length = 0;
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text[Prefix.Length..];
        var at = rest.IndexOf('@');
        var end = rest.IndexOf('/');
        var authority = end < 0 ? rest : rest[..end];
        var colon = authority.LastIndexOf(':');
        if (at <= 0 || colon <= at + 1 || (end >= 0 && at > end) ||
            !int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }

        address = new Address(authority[..at].ToString(), authority[(at + 1)..colon].ToString(), port);
        length = Prefix.Length + authority.Length;
        return true;
    }
}
