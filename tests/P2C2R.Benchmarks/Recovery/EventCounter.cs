using Akka.Persistence;
using P2C2R.Coordinator.Sessions;

namespace P2C2R.Benchmarks.Recovery;

/// <summary>
/// A persistent actor that only counts the <see cref="KeysFrom"/> events it recovers and sends
/// the count to <c>recovered</c>: Akka's replay of a session's journal without the game, to split
/// a session's recovery into what the journal costs and what replaying the world costs.
/// </summary>
public sealed class EventCounter : ReceivePersistentActor
{
    private readonly string persistenceId;
    private long count;

    public EventCounter(string persistenceId, TaskCompletionSource<long> recovered)
    {
        this.persistenceId = persistenceId;
        Recover<KeysFrom>(_ => count++);
        Recover<RecoveryCompleted>(_ => recovered.TrySetResult(count));
    }

    public override string PersistenceId => persistenceId;
}
