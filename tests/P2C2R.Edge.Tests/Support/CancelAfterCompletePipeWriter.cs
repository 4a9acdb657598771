using System.IO.Pipelines;

namespace P2C2R.Edge.Tests.Support;

/// <summary>
/// A pipe writer whose <see cref="CancelPendingFlush"/> reaches the inner writer only once the
/// link's write loop has completed it: the interleaving a loaded machine produces when a close
/// wakes the write loop and that loop finishes before the closing thread cancels its flush. Over a
/// stream's pipe writer that late cancel throws, which is what the link must survive.
/// </summary>
internal sealed class CancelAfterCompletePipeWriter(PipeWriter inner) : PipeWriter
{
    private readonly ManualResetEventSlim completed = new();

    /// <summary>Whether a flush was cancelled after the writer completed (the interleaving happened).</summary>
    public bool CancelledAfterComplete { get; private set; }

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes;

    public override void CancelPendingFlush()
    {
        CancelledAfterComplete = completed.Wait(TimeSpan.FromSeconds(5));
        inner.CancelPendingFlush();
    }

    public override void Complete(Exception? exception = null)
    {
        inner.Complete(exception);
        completed.Set();
    }

    public override async ValueTask CompleteAsync(Exception? exception = null)
    {
        await inner.CompleteAsync(exception);
        completed.Set();
    }

    public override void Advance(int bytes) => inner.Advance(bytes);

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);
}
