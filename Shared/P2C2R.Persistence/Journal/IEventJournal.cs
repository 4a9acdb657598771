namespace P2C2R.Persistence;

/// <summary>
/// An append-only event store. Writes of several persistence ids may be batched into one call
/// (one transaction per call, so a batch costs one disk sync); each <see cref="AtomicWrite"/>
/// must continue its id's sequence exactly, or the whole call fails with
/// <see cref="JournalConflictException"/>.
/// </summary>
public interface IEventJournal : IAsyncDisposable
{
    /// <summary>Appends every write, or none of them.</summary>
    Task WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellation = default);

    /// <summary>Events of <paramref name="persistenceId"/> with sequence numbers in [from, to], in order.</summary>
    IAsyncEnumerable<JournalEvent> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, CancellationToken cancellation = default);

    /// <summary>The highest sequence number ever written for the id, deleted events included; 0 when none.</summary>
    Task<long> HighestSequenceNrAsync(string persistenceId, CancellationToken cancellation = default);

    /// <summary>Deletes the id's events up to and including <paramref name="toSequenceNr"/>; numbering continues after them.</summary>
    Task DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellation = default);
}
