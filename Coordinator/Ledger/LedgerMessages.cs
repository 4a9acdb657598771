using MessagePack;
using P2C2R.Coordinator.Serialization;

namespace P2C2R.Coordinator.Ledger;

/// <summary>Session → ledger: charge the gamer for play up to <paramref name="PlayedMs"/> (cumulative, so repeats and restarts never double-charge).</summary>
[MessagePackObject]
public sealed record ChargePlay(
    [property: Key(0)] string SessionId,
    [property: Key(1)] string Account,
    [property: Key(2)] long PlayedMs) : ICoordinatorMessage;

/// <summary>Registry → ledger: a helper account earned <paramref name="Amount"/> for <paramref name="Tasks"/> validated tasks, or gave it to the fund.</summary>
[MessagePackObject]
public sealed record CreditHelper(
    [property: Key(0)] string Account,
    [property: Key(1)] long Amount,
    [property: Key(2)] bool Donate = false,
    [property: Key(3)] long Tasks = 1) : ICoordinatorMessage;

/// <summary>Ledger → registry: a helper account's balance is now durable at <paramref name="Credits"/>.</summary>
[MessagePackObject]
public sealed record CreditsPosted(
    [property: Key(0)] string Account,
    [property: Key(1)] long Credits) : ICoordinatorMessage;

/// <summary>
/// A gamer's account → ledger, for a gamer's <c>account.query</c>: answered with
/// <see cref="Protocol.Contracts.AccountBalance"/> of that gamer account only, so a gamer can ask
/// for nobody's balance but its own.
/// </summary>
[MessagePackObject]
public sealed record QueryGamerBalance([property: Key(0)] string Account) : ICoordinatorMessage;

/// <summary>
/// A helper's own web page → ledger: answered with <see cref="Protocol.Contracts.AccountBalance"/>
/// of that helper account's durable credits only.
/// </summary>
[MessagePackObject]
public sealed record QueryHelperBalance([property: Key(0)] string Account) : ICoordinatorMessage;

/// <summary>
/// Ledger → asker, for tests, audits and the dashboards: every balance, which must sum to zero,
/// and how many validated helper tasks have been paid for in all (to helpers or to the fund).
/// </summary>
[MessagePackObject]
public sealed record LedgerBalances(
    [property: Key(0)] IReadOnlyDictionary<string, long> Balances,
    [property: Key(1)] long TasksPaid = 0) : ICoordinatorMessage;

/// <summary>Asks for <see cref="LedgerBalances"/>.</summary>
[MessagePackObject]
public sealed record QueryLedger : ICoordinatorMessage
{
    public static QueryLedger Instance { get; } = new();
}
