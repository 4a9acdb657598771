namespace P2C2R.Persistence;

/// <summary>Offered to <see cref="PersistentActor.OnRecover"/> first when recovery starts from a snapshot.</summary>
public sealed record SnapshotOffer(long SequenceNr, DateTime Timestamp, object Snapshot);

/// <summary>Delivered as a command when a <see cref="PersistentActor.SaveSnapshot"/> is stored.</summary>
public sealed record SaveSnapshotSuccess(long SequenceNr);

/// <summary>Delivered as a command when a snapshot could not be stored; events are unaffected, recovery only replays more.</summary>
public sealed record SaveSnapshotFailure(long SequenceNr, Exception Cause);

/// <summary>Delivered as a command when <see cref="PersistentActor.DeleteMessagesTo"/> is done.</summary>
public sealed record DeleteMessagesSuccess(long ToSequenceNr);

/// <summary>Delivered as a command when a deletion failed; the events are still there.</summary>
public sealed record DeleteMessagesFailure(long ToSequenceNr, Exception Cause);

/// <summary>Internal: a run of replayed events (or the snapshot) for the recovering actor.</summary>
internal sealed record RecoveryChunk(int Generation, SnapshotOffer? Snapshot, object[] Events, long FirstSequenceNr);

/// <summary>Internal: replay is over; <see cref="HighestSequenceNr"/> counts deleted events too.</summary>
internal sealed record RecoveryDone(int Generation, long HighestSequenceNr);

/// <summary>Internal: the replay could not be read.</summary>
internal sealed record RecoveryFailed(int Generation, Exception Cause);

/// <summary>Internal: write <see cref="WriteId"/> of this actor is durable.</summary>
internal sealed record WriteConfirmed(long WriteId);

/// <summary>Internal: write <see cref="WriteId"/> of this actor failed; nothing of it is stored.</summary>
internal sealed record WriteFailed(long WriteId, Exception Cause);
