namespace P2C2R.Persistence;

/// <summary>
/// A write that would break the journal's one rule: the events of a persistence id are numbered
/// 1, 2, 3… by exactly one writer. A gap, a number already taken, or a second writer that lost
/// the race all end here, and nothing of that write is stored.
/// </summary>
public sealed class JournalConflictException(string message) : Exception(message);
