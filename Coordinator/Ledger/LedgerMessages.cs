namespace P2C2R.Coordinator.Ledger;

/// <summary>Session → ledger: charge the gamer for play up to <paramref name="PlayedMs"/> (cumulative, so repeats and restarts never double-charge).</summary>
public sealed record ChargePlay(string SessionId, string Account, long PlayedMs);

/// <summary>Registry → ledger: a helper account earned <paramref name="Amount"/> for one validated task, or gave it to the fund.</summary>
public sealed record CreditHelper(string Account, long Amount, bool Donate = false);

/// <summary>Ledger → registry: a helper account's balance is now durable at <paramref name="Credits"/>.</summary>
public sealed record CreditsPosted(string Account, long Credits);

/// <summary>
/// Session manager → ledger, for a gamer's <c>account.query</c>: answered with
/// <see cref="Protocol.Contracts.AccountBalance"/> of that gamer account only, so a gamer can ask
/// for nobody's balance but its own.
/// </summary>
public sealed record QueryGamerBalance(string Account);

/// <summary>Ledger → asker, for tests and audits: every balance, which must sum to zero.</summary>
public sealed record LedgerBalances(IReadOnlyDictionary<string, long> Balances);

/// <summary>Asks for <see cref="LedgerBalances"/>.</summary>
public sealed record QueryLedger
{
    public static QueryLedger Instance { get; } = new();
}
