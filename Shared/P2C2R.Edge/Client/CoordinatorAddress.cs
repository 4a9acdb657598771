using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace P2C2R.Edge.Client;

/// <summary>A coordinator's edge, <c>host:port</c> (an IPv6 literal in brackets: <c>[::1]:8765</c>).</summary>
public sealed record CoordinatorAddress(string Host, int Port)
{
    /// <summary>The longest address <see cref="TryParseHostPort"/> takes: a DNS name's 253 characters, brackets and a port.</summary>
    public const int MaxLength = 261;

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

    /// <summary>
    /// Reads an address a coordinator handed over (<c>helper.move</c>): only <c>host:port</c>,
    /// the host a DNS name or an IP literal and nothing else (no scheme, path or user part), at
    /// most <see cref="MaxLength"/> characters. False for anything else.
    /// </summary>
    public static bool TryParseHostPort(string? text, [NotNullWhen(true)] out CoordinatorAddress? address)
    {
        address = null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return false;
        }

        try
        {
            var parsed = Parse(text);
            if (Uri.CheckHostName(parsed.Host) is UriHostNameType.Unknown or UriHostNameType.Basic)
            {
                return false;
            }

            address = parsed;
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
