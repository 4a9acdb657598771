using System.Security.Cryptography;

namespace P2C2R.Coordinator.Web.Login;

/// <summary>
/// The node-local store behind the one-time links of <c>web-login</c>: a code (256 random bits,
/// base64url) is bound to the <see cref="WebAccount"/> whose connection asked for it, lives
/// <see cref="CodeLifetime"/> and is gone at its first use; redeeming it opens a browser session
/// (another random token, kept only here) for <see cref="SessionLifetime"/>. Both tables are
/// bounded: when one is full of live entries, new ones are refused rather than the node's memory
/// spent. Thread-safe: edge connection actors issue, HTTP requests redeem and read.
/// </summary>
public sealed class WebLogins(TimeProvider time)
{
    public const int MaxCodes = 4096;
    public const int MaxSessions = 16384;
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(1);

    /// <summary>The length of a code or token: 32 bytes in base64url, unpadded.</summary>
    public const int TokenLength = 43;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _sessions = new(StringComparer.Ordinal);

    /// <summary>A fresh single-use code for <paramref name="account"/>, or null when too many are outstanding.</summary>
    public string? IssueCode(WebAccount account) => Add(_codes, MaxCodes, account, CodeLifetime);

    /// <summary>The account a code was issued for, once: the code is spent whether or not it had expired.</summary>
    public WebAccount? Redeem(string? code)
    {
        if (code is not { Length: TokenLength })
        {
            return null;
        }

        lock (_lock)
        {
            return _codes.Remove(code, out var entry) && entry.Expires > time.GetUtcNow() ? entry.Account : null;
        }
    }

    /// <summary>A browser session's token for <paramref name="account"/>, or null when too many are open.</summary>
    public string? OpenSession(WebAccount account) => Add(_sessions, MaxSessions, account, SessionLifetime);

    /// <summary>Whom the session <paramref name="token"/> belongs to, while it lasts.</summary>
    public WebAccount? Session(string? token)
    {
        if (token is not { Length: TokenLength })
        {
            return null;
        }

        lock (_lock)
        {
            if (!_sessions.TryGetValue(token, out var entry))
            {
                return null;
            }

            if (entry.Expires > time.GetUtcNow())
            {
                return entry.Account;
            }

            _sessions.Remove(token);
            return null;
        }
    }

    private string? Add(Dictionary<string, Entry> table, int max, WebAccount account, TimeSpan lifetime)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (table.Count >= max)
            {
                foreach (var (key, entry) in table)
                {
                    if (entry.Expires <= now)
                    {
                        table.Remove(key);
                    }
                }

                if (table.Count >= max)
                {
                    return null;
                }
            }

            table[token] = new Entry(account, now + lifetime);
            return token;
        }
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private readonly record struct Entry(WebAccount Account, DateTimeOffset Expires);
}
