using Microsoft.Extensions.Logging;
using P2C2R.Actors;

namespace P2C2R.Persistence;

/// <summary>
/// An actor whose state is the fold of its events. On start (and restart) it recovers: the
/// latest snapshot is offered, then every later event is replayed through
/// <see cref="OnRecover"/>, while commands wait in the stash. A command persists events with
/// <see cref="Persist{TEvent}"/>; their handlers run only once the journal has them, and until
/// then further commands are stashed, so no command ever sees state that is not yet durable.
/// Writes of all persistent actors of the system are batched into shared transactions. A write
/// that fails stops the actor with the cause logged: its unconfirmed events are never applied,
/// and a restart recovers exactly what is stored.
/// </summary>
public abstract class PersistentActor : ActorBase, IWithStash
{
    private const int RecoveryChunkSize = 1024;
    private static readonly TimeSpan RecoveryStepTimeout = TimeSpan.FromSeconds(30);
    private readonly Queue<PendingWrite> _pending = new();
    private readonly List<PendingWrite> _unflushed = [];
    private PersistenceExtension _persistence = null!;
    private SemaphoreSlim? _recoveryStep;
    private CancellationTokenSource? _recoveryCancel;
    private int _generation;
    private bool _recovering;
    private bool _replaying;
    private long _writeIds;
    private long _confirmedSequenceNr;

    /// <summary>Stable across restarts and processes: the key of this actor's events in the journal.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>The sequence number of the last event persisted or replayed (confirmed or not).</summary>
    public long LastSequenceNr { get; private set; }

    public bool IsRecovering => _recovering;

    public IStash Stash { get; set; } = null!;

    /// <summary>Applies a replayed event, or a <see cref="SnapshotOffer"/>; must not persist.</summary>
    protected abstract void OnRecover(object message);

    /// <summary>Handles a command; true when it was handled.</summary>
    protected abstract bool OnCommand(object message);

    /// <summary>Called once replay is over, before the first command; may persist.</summary>
    protected virtual void OnRecoveryCompleted()
    {
    }

    /// <summary>Persists one event (its own atomic write); <paramref name="handler"/> runs when it is durable, with the command's sender.</summary>
    protected void Persist<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull => PersistAll([@event], handler);

    /// <summary>Persists events all or nothing; <paramref name="handler"/> runs for each, in order, once all are durable.</summary>
    protected void PersistAll<TEvent>(IReadOnlyList<TEvent> events, Action<TEvent> handler)
        where TEvent : notnull
    {
        if (_replaying)
        {
            throw new InvalidOperationException($"{PersistenceId}: events cannot be persisted while replaying");
        }

        if (events.Count == 0)
        {
            return;
        }

        var entries = new (object Event, long SequenceNr, Action<object> Handler)[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            entries[i] = (events[i], ++LastSequenceNr, e => handler((TEvent)e));
        }

        _unflushed.Add(new PendingWrite(0, entries));
    }

    /// <summary>Stores <paramref name="state"/> as the state after the last confirmed event; answered with <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/>.</summary>
    protected void SaveSnapshot(object state)
    {
        var sequenceNr = _confirmedSequenceNr;
        var record = new SnapshotRecord(PersistenceId, sequenceNr, DateTime.UtcNow, SnapshotPayload.Encode(_persistence.Serializer, state));
        var store = _persistence.Snapshots;
        var self = Self;
        _ = Task.Run(async () =>
        {
            try
            {
                await store.SaveAsync(record).ConfigureAwait(false);
                self.Tell(new SaveSnapshotSuccess(sequenceNr));
            }
            catch (Exception error)
            {
                self.Tell(new SaveSnapshotFailure(sequenceNr, error));
            }
        });
    }

    /// <summary>Deletes this actor's events up to <paramref name="toSequenceNr"/> (after a snapshot covers them); answered with <see cref="DeleteMessagesSuccess"/> or <see cref="DeleteMessagesFailure"/>.</summary>
    protected void DeleteMessagesTo(long toSequenceNr)
    {
        var journal = _persistence.Journal;
        var id = PersistenceId;
        var self = Self;
        _ = Task.Run(async () =>
        {
            try
            {
                await journal.DeleteToAsync(id, toSequenceNr).ConfigureAwait(false);
                self.Tell(new DeleteMessagesSuccess(toSequenceNr));
            }
            catch (Exception error)
            {
                self.Tell(new DeleteMessagesFailure(toSequenceNr, error));
            }
        });
    }

    protected sealed override bool Receive(object message)
    {
        switch (message)
        {
            case RecoveryChunk chunk:
                OnChunk(chunk);
                return true;
            case RecoveryDone done:
                OnRecoveryDone(done);
                return true;
            case RecoveryFailed failed:
                if (failed.Generation == _generation)
                {
                    Log.LogError(failed.Cause, "{PersistenceId}: recovery failed; stopping", PersistenceId);
                    Context.Stop(Self);
                }

                return true;
            case WriteConfirmed confirmed:
                OnConfirmed(confirmed);
                return true;
            case WriteFailed failed when Context.System.IsTerminating:
                Log.LogInformation("{PersistenceId}: the system is shutting down; stopping without applying events not yet persisted ({Reason})", PersistenceId, failed.Cause.Message);
                Context.Stop(Self);
                return true;
            case WriteFailed failed:
                Log.LogError(failed.Cause, "{PersistenceId}: persisting events failed; stopping without applying them", PersistenceId);
                Context.Stop(Self);
                return true;
        }

        if (_recovering || _pending.Count > 0)
        {
            Stash.Stash();
            return true;
        }

        var handled = OnCommand(message) || message is SaveSnapshotSuccess or SaveSnapshotFailure or DeleteMessagesSuccess or DeleteMessagesFailure;
        Flush();
        return handled;
    }

    protected override void AroundPreStart()
    {
        StartRecovery();
        base.AroundPreStart();
    }

    protected override void AroundPostRestart(Exception reason)
    {
        StartRecovery();
        base.AroundPostRestart(reason);
    }

    protected override void AroundPreRestart(Exception reason, object? message)
    {
        EndRecovery();
        base.AroundPreRestart(reason, message);
    }

    protected override void AroundPostStop()
    {
        EndRecovery();
        base.AroundPostStop();
    }

    private void StartRecovery()
    {
        _persistence = PersistenceExtension.Get(Context.System);
        _recovering = true;
        _pending.Clear();
        _unflushed.Clear();
        LastSequenceNr = 0;
        _confirmedSequenceNr = 0;
        var generation = ++_generation;
        var step = _recoveryStep = new SemaphoreSlim(0);
        var cancel = _recoveryCancel = new CancellationTokenSource();
        var (self, id, persistence) = (Self, PersistenceId, _persistence);
        _ = Task.Run(() => ReplayAsync(self, id, persistence, generation, step, cancel.Token));
    }

    /// <summary>Stops a replay still running (the actor stops or restarts); its late chunks are ignored by generation.</summary>
    private void EndRecovery()
    {
        _recoveryCancel?.Cancel();
        _recoveryCancel?.Dispose();
        _recoveryCancel = null;
        _recoveryStep = null;
    }

    /// <summary>
    /// Reads the snapshot and the events after it off the actor and sends them in chunks, one at
    /// a time: the next chunk is read only once the actor took the last, so replay memory stays
    /// at one chunk however long the journal is. It starts after every write already queued
    /// (a previous incarnation's) is done.
    /// </summary>
    private static async Task ReplayAsync(IActorRef self, string id, PersistenceExtension persistence, int generation, SemaphoreSlim step, CancellationToken cancellation)
    {
        try
        {
            await persistence.Writer.WhenQueuedWritesDoneAsync().WaitAsync(RecoveryStepTimeout, cancellation).ConfigureAwait(false);
            var snapshot = await persistence.Snapshots.LoadLatestAsync(id, cancellation: cancellation).ConfigureAwait(false);
            var offer = snapshot is null ? null : new SnapshotOffer(snapshot.SequenceNr, snapshot.Timestamp, SnapshotPayload.Decode(persistence.Serializer, snapshot.Payload));
            var highest = await persistence.Journal.HighestSequenceNrAsync(id, cancellation).ConfigureAwait(false);
            var chunk = new List<object>(RecoveryChunkSize);
            var first = 0L;
            await foreach (var e in persistence.Journal.ReplayAsync(id, (snapshot?.SequenceNr ?? 0) + 1, long.MaxValue, cancellation).ConfigureAwait(false))
            {
                first = chunk.Count == 0 ? e.SequenceNr : first;
                chunk.Add(persistence.Serializer.Deserialize(e.TypeId, e.Payload));
                if (chunk.Count == RecoveryChunkSize)
                {
                    await SendAsync(new RecoveryChunk(generation, offer, [.. chunk], first)).ConfigureAwait(false);
                    offer = null;
                    chunk.Clear();
                }
            }

            if (chunk.Count > 0 || offer is not null)
            {
                await SendAsync(new RecoveryChunk(generation, offer, [.. chunk], first)).ConfigureAwait(false);
            }

            self.Tell(new RecoveryDone(generation, highest));
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
        catch (Exception error)
        {
            self.Tell(new RecoveryFailed(generation, error));
        }
        finally
        {
            step.Dispose();
        }

        async Task SendAsync(RecoveryChunk message)
        {
            self.Tell(message);
            if (!await step.WaitAsync(RecoveryStepTimeout, cancellation).ConfigureAwait(false))
            {
                throw new TimeoutException($"{id}: the actor took no replayed events for {RecoveryStepTimeout.TotalSeconds:0} s");
            }
        }
    }

    private void OnChunk(RecoveryChunk chunk)
    {
        if (chunk.Generation != _generation)
        {
            return;
        }

        _replaying = true;
        try
        {
            if (chunk.Snapshot is { } offer)
            {
                LastSequenceNr = offer.SequenceNr;
                OnRecover(offer);
            }

            if (chunk.Events.Length > 0 && LastSequenceNr != 0 && chunk.FirstSequenceNr != LastSequenceNr + 1)
            {
                throw new InvalidOperationException($"{PersistenceId}: replay jumped from {LastSequenceNr} to {chunk.FirstSequenceNr}");
            }

            for (var i = 0; i < chunk.Events.Length; i++)
            {
                LastSequenceNr = chunk.FirstSequenceNr + i;
                OnRecover(chunk.Events[i]);
            }
        }
        finally
        {
            _replaying = false;
            _recoveryStep?.Release();
        }
    }

    private void OnRecoveryDone(RecoveryDone done)
    {
        if (done.Generation != _generation)
        {
            return;
        }

        LastSequenceNr = Math.Max(LastSequenceNr, done.HighestSequenceNr);
        _confirmedSequenceNr = LastSequenceNr;
        _recovering = false;
        EndRecovery();
        OnRecoveryCompleted();
        Flush();
        if (_pending.Count == 0)
        {
            Stash.UnstashAll();
        }
    }

    private void OnConfirmed(WriteConfirmed confirmed)
    {
        if (!_pending.TryPeek(out var head) || head.WriteId != confirmed.WriteId)
        {
            return;
        }

        _pending.Dequeue();
        foreach (var (e, sequenceNr, handler) in head.Entries)
        {
            _confirmedSequenceNr = sequenceNr;
            handler(e);
        }

        Flush();
        if (_pending.Count == 0)
        {
            Stash.UnstashAll();
        }
    }

    /// <summary>Sends the events persisted while handling the current message, one request per Persist call.</summary>
    private void Flush()
    {
        foreach (var unflushed in _unflushed)
        {
            var write = unflushed with { WriteId = ++_writeIds };
            var events = new JournalEvent[write.Entries.Length];
            var now = DateTime.UtcNow;
            for (var i = 0; i < events.Length; i++)
            {
                var payload = _persistence.Serializer.Serialize(write.Entries[i].Event, out var typeId);
                events[i] = new JournalEvent(PersistenceId, write.Entries[i].SequenceNr, typeId, payload, now, []);
            }

            _pending.Enqueue(write);
            _persistence.Writer.Enqueue(new WriteRequest(Self, Sender, write.WriteId, new AtomicWrite(PersistenceId, events)));
        }

        _unflushed.Clear();
    }

    private sealed record PendingWrite(long WriteId, (object Event, long SequenceNr, Action<object> Handler)[] Entries);
}
