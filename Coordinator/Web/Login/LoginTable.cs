namespace P2C2R.Coordinator.Web.Login;

/// <summary>
/// One table of <see cref="WebLogins"/> (codes, or browser sessions): random tokens, each bound to
/// a <see cref="WebAccount"/> until it expires, bounded in all and per account, so that neither a
/// crowd nor one account asking in a loop can make the node keep more than it chose to. Each
/// account's tokens are kept oldest first, so the caller can refuse a new one or evict the oldest.
/// Not thread-safe: <see cref="WebLogins"/> holds its lock around every call.
/// </summary>
internal sealed class LoginTable(int max, int perAccount, TimeSpan lifetime)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _byAccount = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="account"/> holds its most live tokens (its expired ones are dropped first).</summary>
    public bool AccountFull(string account, DateTimeOffset now)
    {
        if (!_byAccount.TryGetValue(account, out var tokens))
        {
            return false;
        }

        foreach (var token in tokens.Where(t => _entries[t].Expires <= now).ToArray())
        {
            Remove(token);
        }

        return tokens.Count >= perAccount;
    }

    /// <summary>Drops <paramref name="account"/>'s oldest token.</summary>
    public void EvictOldest(string account)
    {
        if (_byAccount.TryGetValue(account, out var tokens))
        {
            Remove(tokens[0]);
        }
    }

    /// <summary>Whether the table holds its most live tokens in all (its expired ones are dropped first, when it is full).</summary>
    public bool Full(DateTimeOffset now)
    {
        if (_entries.Count < max)
        {
            return false;
        }

        foreach (var (token, _) in _entries.Where(e => e.Value.Expires <= now).ToArray())
        {
            Remove(token);
        }

        return _entries.Count >= max;
    }

    public void Add(string token, WebAccount account, DateTimeOffset now)
    {
        _entries[token] = new Entry(account, now + lifetime);
        if (!_byAccount.TryGetValue(account.Account, out var tokens))
        {
            _byAccount[account.Account] = tokens = [];
        }

        tokens.Add(token);
    }

    /// <summary>The account <paramref name="token"/> is bound to while it lasts; an expired token is dropped.</summary>
    public WebAccount? Find(string token, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(token, out var entry))
        {
            return null;
        }

        if (entry.Expires > now)
        {
            return entry.Account;
        }

        Remove(token);
        return null;
    }

    /// <summary>Drops <paramref name="token"/>; returns the account it was bound to while it lasted, else null.</summary>
    public WebAccount? Take(string token, DateTimeOffset now)
    {
        var account = Find(token, now);
        if (account is not null)
        {
            Remove(token);
        }

        return account;
    }

    private void Remove(string token)
    {
        if (!_entries.Remove(token, out var entry))
        {
            return;
        }

        var tokens = _byAccount[entry.Account.Account];
        tokens.Remove(token);
        if (tokens.Count == 0)
        {
            _byAccount.Remove(entry.Account.Account);
        }
    }

    private readonly record struct Entry(WebAccount Account, DateTimeOffset Expires);
}
