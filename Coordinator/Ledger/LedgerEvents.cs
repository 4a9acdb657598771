namespace P2C2R.Coordinator.Ledger;

/// <summary>One leg of a transaction: credits added to (positive) or taken from (negative) an account.</summary>
public sealed record LedgerEntry(string Account, long Amount);

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
public sealed record Posted(long Id, PostingKind Kind, string Reference, long Units, LedgerEntry[] Entries);

/// <summary>The ledger's state after a transaction: balances, and how far each session has been charged.</summary>
public sealed record LedgerSnapshot(long LastId, LedgerEntry[] Balances, SessionCharge[] Sessions);

/// <summary>What a session has paid for: milliseconds played and credits charged for them.</summary>
public sealed record SessionCharge(string SessionId, long PlayedMs, long Charged);
