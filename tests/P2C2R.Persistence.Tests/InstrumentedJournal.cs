namespace P2C2R.Persistence.Tests;

/// <summary>A journal that counts write calls and can be told to slow down or fail, around a real one.</summary>
public sealed class InstrumentedJournal(IEventJournal inner) : IEventJournal
{
    private int _calls;
    private int _failNext;

    public int Calls => Volatile.Read(ref _calls);

    public TimeSpan Delay { get; set; }

    public void FailNextWrite() => Volatile.Write(ref _failNext, 1);

    public async Task WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellation = default)
    {
        Interlocked.Increment(ref _calls);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellation);
        }

        if (Interlocked.Exchange(ref _failNext, 0) == 1)
        {
            throw new IOException("the disk is full (injected)");
        }

        await inner.WriteAsync(writes, cancellation);
    }

    public IAsyncEnumerable<JournalEvent> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, CancellationToken cancellation = default) =>
        inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, cancellation);

    public Task<long> HighestSequenceNrAsync(string persistenceId, CancellationToken cancellation = default) =>
        inner.HighestSequenceNrAsync(persistenceId, cancellation);

    public Task DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellation = default) =>
        inner.DeleteToAsync(persistenceId, toSequenceNr, cancellation);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
