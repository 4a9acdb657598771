using System.Buffers;
using System.IO.Pipelines;

namespace P2C2R.Benchmarks.Game;

/// <summary>A pipe reader that passes everything through and counts the bytes consumed from it.</summary>
public sealed class CountingPipeReader(PipeReader inner, Action<long> count) : PipeReader
{
    private ReadOnlySequence<byte> last;

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        var result = await inner.ReadAsync(cancellationToken);
        last = result.Buffer;
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
        {
            return false;
        }

        last = result.Buffer;
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed)
    {
        count(last.Slice(last.Start, consumed).Length);
        inner.AdvanceTo(consumed);
    }

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        count(last.Slice(last.Start, consumed).Length);
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
}
