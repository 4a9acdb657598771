using MessagePack;
using P2C2R.Coordinator.Persistence;

namespace P2C2R.Coordinator.Ledger;

/// <summary>One leg of a transaction: credits added to (positive) or taken from (negative) an account.</summary>
[MessagePackObject]
public sealed record LedgerEntry(
    [property: Key(0)] string Account,
    [property: Key(1)] long Amount);

/// <summary>What a transaction pays for, so the ledger can settle cumulatively and never twice.</summary>
public enum PostingKind
{
    /// <summary>A gamer's play time: <see cref="Posted.Reference"/> is the session, <see cref="Posted.Units"/> the milliseconds played so far.</summary>
    Play = 1,

    /// <summary>A helper's validated tasks: <see cref="Posted.Reference"/> is the helper account, <see cref="Posted.Units"/> the tasks paid for.</summary>
    Tasks = 2,
}

/// <summary>
/// A double-entry transaction: its legs sum to zero, so credits move between accounts and are
/// never created or destroyed. The only event of the ledger.
/// </summary>
[MessagePackObject]
public sealed record Posted(
    [property: Key(0)] long Id,
    [property: Key(1)] PostingKind Kind,
    [property: Key(2)] string Reference,
    [property: Key(3)] long Units,
    [property: Key(4)] LedgerEntry[] Entries) : ICoordinatorEvent;

/// <summary>
/// The ledger's state after a transaction: balances, how far each session has been charged, and
/// how many helper tasks have been paid for in all (0 in a snapshot from before it was kept: the
/// count then starts from the events after that snapshot).
/// </summary>
[MessagePackObject]
public sealed record LedgerSnapshot(
    [property: Key(0)] long LastId,
    [property: Key(1)] LedgerEntry[] Balances,
    [property: Key(2)] SessionCharge[] Sessions,
    [property: Key(3)] long TasksPaid = 0) : ICoordinatorEvent;

/// <summary>What a session has paid for: milliseconds played and credits charged for them.</summary>
[MessagePackObject]
public sealed record SessionCharge(
    [property: Key(0)] string SessionId,
    [property: Key(1)] long PlayedMs,
    [property: Key(2)] long Charged);
