namespace P2C2R.Persistence;

/// <summary>
/// One persisted event. <see cref="SequenceNr"/> numbers the events of one persistence id from 1
/// without gaps; <see cref="Ordering"/> is the store's global write order, assigned on write, so
/// queries across ids (by tag, say) see events in the order they were persisted. The payload is
/// MessagePack; <see cref="TypeId"/> names the formatter that reads it.
/// </summary>
public sealed record JournalEvent(
    string PersistenceId,
    long SequenceNr,
    string TypeId,
    byte[] Payload,
    DateTime Timestamp,
    IReadOnlyList<string> Tags,
    long Ordering = 0);

/// <summary>Events of one persistence id written all or nothing, in one transaction.</summary>
public sealed record AtomicWrite(string PersistenceId, IReadOnlyList<JournalEvent> Events);
