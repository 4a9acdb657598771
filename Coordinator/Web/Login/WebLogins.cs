using System.Security.Cryptography;

namespace P2C2R.Coordinator.Web.Login;

/// <summary>
/// The node-local store behind the one-time links of <c>web-login</c>: a code (256 random bits,
/// base64url) is bound to the <see cref="WebAccount"/> whose connection asked for it, lives
/// <see cref="CodeLifetime"/> and is gone at its first use; redeeming it opens a browser session
/// (another random token, kept only here) for <see cref="SessionLifetime"/>. Both tables are
/// bounded in all, so that the node's memory is not spent: when one is full of live entries, new
/// ones are refused. They are bounded per account too, so that one account asking in a loop
/// cannot fill them for everyone: a new code is refused while the account has
/// <see cref="MaxCodesPerAccount"/> unused ones, and a new browser session evicts the account's
/// oldest when it has <see cref="MaxSessionsPerAccount"/>. Thread-safe: edge connection actors
/// issue, HTTP requests redeem and read.
/// </summary>
public sealed class WebLogins(TimeProvider time)
{
    public const int MaxCodes = 4096;
    public const int MaxSessions = 16384;
    public const int MaxCodesPerAccount = 4;
    public const int MaxSessionsPerAccount = 8;
    public const string TooManyCodes = "too many outstanding login codes";
    public const string NodeFull = "too many outstanding login codes on this node";
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(1);

    /// <summary>The length of a code or token: 32 bytes in base64url, unpadded.</summary>
    public const int TokenLength = 43;

    private readonly Lock _lock = new();
    private readonly LoginTable _codes = new(MaxCodes, MaxCodesPerAccount, CodeLifetime);
    private readonly LoginTable _sessions = new(MaxSessions, MaxSessionsPerAccount, SessionLifetime);

    /// <summary>A fresh single-use code for <paramref name="account"/>, or why none: too many outstanding for the account, or on the node.</summary>
    public LoginCode IssueCode(WebAccount account)
    {
        var code = NewToken();
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_codes.AccountFull(account.Account, now))
            {
                return LoginCode.Refusal(TooManyCodes);
            }

            if (_codes.Full(now))
            {
                return LoginCode.Refusal(NodeFull);
            }

            _codes.Add(code, account, now);
            return LoginCode.Issued(code);
        }
    }

    /// <summary>The account a code was issued for, once: the code is spent whether or not it had expired.</summary>
    public WebAccount? Redeem(string? code)
    {
        if (code is not { Length: TokenLength })
        {
            return null;
        }

        lock (_lock)
        {
            return _codes.Take(code, time.GetUtcNow());
        }
    }

    /// <summary>
    /// A browser session's token for <paramref name="account"/> (its oldest session ends when it
    /// has <see cref="MaxSessionsPerAccount"/>), or null when the node has too many open.
    /// </summary>
    public string? OpenSession(WebAccount account)
    {
        var token = NewToken();
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_sessions.AccountFull(account.Account, now))
            {
                _sessions.EvictOldest(account.Account);
            }

            if (_sessions.Full(now))
            {
                return null;
            }

            _sessions.Add(token, account, now);
            return token;
        }
    }

    /// <summary>Whom the session <paramref name="token"/> belongs to, while it lasts.</summary>
    public WebAccount? Session(string? token)
    {
        if (token is not { Length: TokenLength })
        {
            return null;
        }

        lock (_lock)
        {
            return _sessions.Find(token, time.GetUtcNow());
        }
    }

    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
