namespace P2C2R.Persistence;

/// <summary>A database holding both a journal and snapshots, as both built-in stores do.</summary>
public interface IJournalStore : IEventJournal, ISnapshotStore
{
}
