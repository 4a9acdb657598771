using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using P2C2R.Actors;

namespace P2C2R.Persistence;

/// <summary>One actor's atomic write, and where to confirm it (the reply's sender is the command's sender).</summary>
internal sealed record WriteRequest(IActorRef Actor, IActorRef ReplyAs, long WriteId, AtomicWrite Write);

/// <summary>Completes once every write queued before it is written (or failed).</summary>
internal sealed record WriteBarrier(TaskCompletionSource Passed);

/// <summary>
/// Batches the writes of every persistent actor of a system: while one journal call is in
/// flight, requests queue up and the next call carries all of them, so a hundred actors each
/// persisting once cost one transaction, not a hundred. A batch the journal refuses is retried
/// write by write, so one actor's conflict fails that actor alone. The queue needs no bound of
/// its own: each actor holds its commands until its write is confirmed, so at most one request
/// per actor waits here.
/// </summary>
internal sealed class JournalWriter
{
    private const int MaxBatch = 512;
    private readonly IEventJournal _journal;
    private readonly ILogger _log;
    private readonly Channel<object> _requests = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<WriteRequest> _batch = new(MaxBatch);
    private readonly List<WriteBarrier> _barriers = [];
    private readonly List<AtomicWrite> _writes = new(MaxBatch);
    private readonly Task _loop;

    public JournalWriter(IEventJournal journal, ILogger log)
    {
        _journal = journal;
        _log = log;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Queues a write; after shutdown it is refused at once with a <see cref="WriteFailed"/>.</summary>
    public void Enqueue(WriteRequest request)
    {
        if (!_requests.Writer.TryWrite(request))
        {
            request.Actor.Tell(new WriteFailed(request.WriteId, new InvalidOperationException("the journal is shut down")), request.ReplyAs);
        }
    }

    /// <summary>
    /// Completes when every write queued so far is done: a restarted actor waits for this before
    /// it replays, so a write its previous incarnation left in flight is never missed.
    /// </summary>
    public Task WhenQueuedWritesDoneAsync()
    {
        var barrier = new WriteBarrier(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_requests.Writer.TryWrite(barrier))
        {
            barrier.Passed.TrySetResult();
        }

        return barrier.Passed.Task;
    }

    /// <summary>Stops taking writes and waits for those already queued to be written.</summary>
    public async Task StopAsync(CancellationToken cancellation)
    {
        _requests.Writer.TryComplete();
        await _loop.WaitAsync(cancellation).ConfigureAwait(false);
    }

    private async Task LoopAsync()
    {
        while (await _requests.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_batch.Count < MaxBatch && _requests.Reader.TryRead(out var queued))
            {
                if (queued is WriteRequest request)
                {
                    _batch.Add(request);
                    _writes.Add(request.Write);
                }
                else
                {
                    _barriers.Add((WriteBarrier)queued);
                }
            }

            try
            {
                if (_batch.Count == 0)
                {
                    continue;
                }

                await _journal.WriteAsync(_writes).ConfigureAwait(false);
                foreach (var done in _batch)
                {
                    done.Actor.Tell(new WriteConfirmed(done.WriteId), done.ReplyAs);
                }
            }
            catch (Exception error) when (_batch.Count > 1)
            {
                _log.LogWarning("A batch of {Count} journal writes failed ({Reason}); writing them one by one", _batch.Count, error.Message);
                foreach (var single in _batch)
                {
                    await WriteOneAsync(single).ConfigureAwait(false);
                }
            }
            catch (Exception error)
            {
                _batch[0].Actor.Tell(new WriteFailed(_batch[0].WriteId, error), _batch[0].ReplyAs);
            }
            finally
            {
                _batch.Clear();
                _writes.Clear();
                foreach (var barrier in _barriers)
                {
                    barrier.Passed.TrySetResult();
                }

                _barriers.Clear();
            }
        }
    }

    private async Task WriteOneAsync(WriteRequest request)
    {
        try
        {
            await _journal.WriteAsync([request.Write]).ConfigureAwait(false);
            request.Actor.Tell(new WriteConfirmed(request.WriteId), request.ReplyAs);
        }
        catch (Exception error)
        {
            request.Actor.Tell(new WriteFailed(request.WriteId, error), request.ReplyAs);
        }
    }
}
