using Akka.Persistence;
using P2C2R.Coordinator.Sessions;

namespace P2C2R.Benchmarks.Journal;

/// <summary>
/// A persistent actor that journals <see cref="KeysFrom"/> events, the row a session whose keys change
/// every tick writes per tick, <c>batch</c> at a time (<c>Persist</c> for one, <c>PersistAll</c> for more),
/// each batch only after the last is durable, as a session's next tick waits for its last.
/// Signals <c>ready</c> once recovered, starts on <see cref="Start"/>, and signals <c>done</c>
/// after <c>events</c> events, so recovering the actors is not timed with the writes.
/// </summary>
public sealed class TickWriter : ReceivePersistentActor
{
    private readonly string persistenceId;
    private long persisted;
    private readonly Countdown ready;
    private long batchEnd;

    public TickWriter(string persistenceId, int events, int batch, Countdown ready, Countdown done)
    {
        this.persistenceId = persistenceId;
        this.ready = ready;
        Recover<KeysFrom>(_ => { });
        Command<Start>(_ =>
        {
            var first = persisted;
            batchEnd = Math.Min(first + batch, events);
            if (batchEnd - first == 1)
            {
                Persist(new KeysFrom(first, 1, first, first + 1), _ => Persisted(events, done));
            }
            else
            {
                PersistAll(Enumerable.Range(0, (int)(batchEnd - first)).Select(i => new KeysFrom(first + i, 1, first + i, first + i + 1)), _ => Persisted(events, done));
            }
        });
    }

    public override string PersistenceId => persistenceId;

    protected override void OnReplaySuccess()
    {
        base.OnReplaySuccess();
        ready.Signal();
    }

    private void Persisted(int events, Countdown done)
    {
        if (++persisted < batchEnd)
        {
            return;
        }

        if (persisted == events)
        {
            done.Signal();
        }
        else
        {
            Self.Tell(Start.Instance, Self);
        }
    }

    /// <summary>Write the next batch (the first when the harness says so).</summary>
    public sealed class Start
    {
        public static Start Instance { get; } = new();
    }
}
