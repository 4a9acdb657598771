namespace P2C2R.Persistence;

/// <summary>The state of an actor after event <see cref="SequenceNr"/>, so recovery replays only what came later.</summary>
public sealed record SnapshotRecord(string PersistenceId, long SequenceNr, DateTime Timestamp, byte[] Payload);

/// <summary>Snapshots by (persistence id, sequence number); saving the same pair again replaces it.</summary>
public interface ISnapshotStore : IAsyncDisposable
{
    Task SaveAsync(SnapshotRecord snapshot, CancellationToken cancellation = default);

    /// <summary>The newest snapshot at or below <paramref name="maxSequenceNr"/>, or null.</summary>
    Task<SnapshotRecord?> LoadLatestAsync(string persistenceId, long maxSequenceNr = long.MaxValue, CancellationToken cancellation = default);

    /// <summary>Deletes the id's snapshots up to and including <paramref name="toSequenceNr"/>.</summary>
    Task DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellation = default);
}
