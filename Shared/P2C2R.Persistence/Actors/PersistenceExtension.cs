using Microsoft.Extensions.Logging;
using P2C2R.Actors;

namespace P2C2R.Persistence;

/// <summary>
/// The persistence of one actor system: its journal, snapshot store and serializer, and the
/// writer that batches every persistent actor's writes. Started once per system (like
/// remoting); the stores belong to whoever opened them and outlive the system.
/// </summary>
public sealed class PersistenceExtension
{
    private PersistenceExtension(ActorSystem system, IEventJournal journal, ISnapshotStore snapshots, IEventSerializer serializer)
    {
        Journal = journal;
        Snapshots = snapshots;
        Serializer = serializer;
        Writer = new JournalWriter(journal, system.LoggerFactory.CreateLogger("P2C2R.Persistence.JournalWriter"));
        system.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseActorSystemTerminate, "journal-writer", Writer.StopAsync);
    }

    public IEventJournal Journal { get; }

    public ISnapshotStore Snapshots { get; }

    public IEventSerializer Serializer { get; }

    internal JournalWriter Writer { get; }

    public static PersistenceExtension Start(ActorSystem system, IEventJournal journal, ISnapshotStore snapshots, IEventSerializer serializer) =>
        system.GetOrAddExtension(s => new PersistenceExtension(s, journal, snapshots, serializer));

    public static PersistenceExtension Get(ActorSystem system) =>
        system.GetExtension<PersistenceExtension>() ?? throw new InvalidOperationException($"persistence was not started on actor system {system.Name}");
}
