using System.Collections.Concurrent;

namespace P2C2R.Actors;

/// <summary>
/// The user-message queue of one mailbox: many producers, one consumer. Unbounded it is a plain
/// <see cref="ConcurrentQueue{T}"/> of struct envelopes, which reuses its ring segment and so
/// allocates nothing per message. Bounded, a slot is reserved with one interlocked add before the
/// envelope is queued, so the queue never holds more than its capacity.
/// </summary>
internal sealed class MessageQueue(int capacity, OverflowPolicy overflow)
{
    public const int Unbounded = int.MaxValue;

    private readonly ConcurrentQueue<Envelope> _queue = new();
    private int _reserved;

    public int Capacity { get; } = capacity;

    /// <summary>Messages queued now; exact when no producer is mid-way.</summary>
    public int Count => _queue.Count;

    public bool HasMessages => !_queue.IsEmpty;

    /// <returns>False when an envelope had to be dropped; it is then in <paramref name="dropped"/>.</returns>
    public bool TryEnqueue(in Envelope envelope, out Envelope dropped)
    {
        dropped = default;
        if (Capacity == Unbounded)
        {
            _queue.Enqueue(envelope);
            return true;
        }

        if (Interlocked.Increment(ref _reserved) <= Capacity)
        {
            _queue.Enqueue(envelope);
            return true;
        }

        if (overflow == OverflowPolicy.DropOldest && _queue.TryDequeue(out dropped))
        {
            // The evicted message's slot passes to the new one; only the extra reservation is undone.
            Interlocked.Decrement(ref _reserved);
            _queue.Enqueue(envelope);
            return false;
        }

        Interlocked.Decrement(ref _reserved);
        dropped = envelope;
        return false;
    }

    /// <summary>
    /// Queues a message the runtime itself owes the actor (a <see cref="Terminated"/>): it must
    /// never be dropped, so it takes a slot even past the bound.
    /// </summary>
    public void EnqueueUnbounded(in Envelope envelope)
    {
        if (Capacity != Unbounded)
        {
            Interlocked.Increment(ref _reserved);
        }

        _queue.Enqueue(envelope);
    }

    public bool TryDequeue(out Envelope envelope)
    {
        if (!_queue.TryDequeue(out envelope))
        {
            return false;
        }

        if (Capacity != Unbounded)
        {
            Interlocked.Decrement(ref _reserved);
        }

        return true;
    }
}
