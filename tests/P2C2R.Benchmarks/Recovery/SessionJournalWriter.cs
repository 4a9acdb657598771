using Akka.Persistence;
using P2C2R.Coordinator;
using P2C2R.Coordinator.Sessions;
using P2C2R.GameSdk;

namespace P2C2R.Benchmarks.Recovery;

/// <summary>
/// Writes the journal a <see cref="Session"/> would have written after <c>ticks</c> ticks, under
/// that session's persistence id: one <see cref="KeysFrom"/> per tick, as a session whose keys change every tick writes (keys from a fixed pattern),
/// and, when <c>snapshotEvery</c> is above 0, a <see cref="SessionSnapshot"/> of the world every
/// that many ticks, at the sequence number the session would take it. It plays the same world
/// alongside, so the harness can check that a recovered session reached the identical world;
/// <c>played</c> completes with its digest once every event and snapshot is stored.
/// </summary>
public sealed class SessionJournalWriter : ReceivePersistentActor
{
    private const int Batch = 1000;
    private readonly string persistenceId;
    private readonly IGameWorld world;
    private readonly long ticks;
    private readonly int snapshotEvery;
    private readonly TaskCompletionSource<string> played;
    private long written;
    private long batchEnd;
    private int snapshotsPending;

    public SessionJournalWriter(string sessionId, int ticksPerSecond, long ticks, int snapshotEvery, TaskCompletionSource<string> played)
    {
        persistenceId = Session.PersistenceIdOf(sessionId);
        var settings = new CoordinatorSettings();
        world = settings.Game.Create(Session.OptionsOf(sessionId, ticksPerSecond, settings));
        this.ticks = ticks;
        this.snapshotEvery = snapshotEvery;
        this.played = played;
        Command<WriteNext>(_ => WriteBatch());
        Command<SaveSnapshotSuccess>(_ =>
        {
            snapshotsPending--;
            CompleteWhenStored();
        });
        Command<SaveSnapshotFailure>(failure => played.TrySetException(failure.Cause));
    }

    public override string PersistenceId => persistenceId;

    /// <summary>The key pattern of tick <paramref name="tick"/>: forward, forward and turn, turn, stand, back, in 1.5 s spells.</summary>
    public static int KeysOf(long tick) => (int)(tick / 90 % 5) switch { 0 => 1, 1 => 1 | 8, 2 => 2, 3 => 0, _ => 4 };

    protected override void OnReplaySuccess()
    {
        base.OnReplaySuccess();
        Self.Tell(WriteNext.Instance, Self);
    }

    private void WriteBatch()
    {
        var first = written;
        batchEnd = Math.Min(first + Batch, ticks);
        PersistAll(
            Enumerable.Range(0, (int)(batchEnd - first)).Select(i => new KeysFrom(first + i, KeysOf(first + i), (first + i) / 15, first + i + 1)),
            Played);
    }

    private void Played(KeysFrom tick)
    {
        world.Advance(tick.Keys, LocalResults.Instance);
        if (snapshotEvery > 0 && world.Tick % snapshotEvery == 0)
        {
            snapshotsPending++;
            SaveSnapshot(new SessionSnapshot(world.Snapshot(), tick.Keys, tick.LastInput, tick.Until));
        }

        if (++written < batchEnd)
        {
            return;
        }

        if (written < ticks)
        {
            Self.Tell(WriteNext.Instance, Self);
        }
        else
        {
            CompleteWhenStored();
        }
    }

    private void CompleteWhenStored()
    {
        if (written == ticks && snapshotsPending == 0)
        {
            played.TrySetResult(world.Digest());
        }
    }

    private sealed class WriteNext
    {
        public static WriteNext Instance { get; } = new();
    }
}
