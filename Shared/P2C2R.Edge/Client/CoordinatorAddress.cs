using System.Globalization;

namespace P2C2R.Edge.Client;

/// <summary>A coordinator's edge, <c>host:port</c> (an IPv6 literal in brackets: <c>[::1]:8765</c>).</summary>
public sealed record CoordinatorAddress(string Host, int Port)
{
    public static CoordinatorAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            throw new FormatException($"'{text}' is not host:port");
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':'))
        {
            throw new FormatException($"'{text}': an IPv6 host goes in brackets, [host]:port");
        }

        return host.Length == 0 ? throw new FormatException($"'{text}' has no host") : new CoordinatorAddress(host, port);
    }

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
