namespace P2C2R.Coordinator.Scheduling.Locality;

/// <summary>
/// What the scheduler believes one helper's blob cache holds: what it was sent and the large parts
/// of its outputs that were delivered, evicted in the order the helper's own least-recently-used
/// cache would evict them, within the capacity it declared. The belief can be wrong (the helper
/// restarted, or evicted earlier): then the helper asks for the blob and gets it, so the belief
/// only ever decides what is sent, never what is computed.
/// </summary>
internal sealed class HeldBlobs(long capacityBytes)
{
    /// <summary>The capacity assumed for a helper that did not declare one.</summary>
    public const long DefaultCapacityBytes = 64L << 20;

    private readonly Dictionary<UInt128, LinkedListNode<(UInt128 Key, int Length)>> _held = [];
    private readonly LinkedList<(UInt128 Key, int Length)> _recency = new();
    private long _size;

    public bool Contains(StoredBlob blob) => _held.ContainsKey(blob.Key);

    /// <summary>The helper holds <paramref name="blob"/> now, as its most recently used.</summary>
    public void Add(StoredBlob blob)
    {
        if (_held.Remove(blob.Key, out var existing))
        {
            _recency.Remove(existing);
            _size -= existing.Value.Length;
        }

        if (blob.Length > capacityBytes)
        {
            return;
        }

        while (_size + blob.Length > capacityBytes && _recency.Last is { } oldest)
        {
            _recency.RemoveLast();
            _held.Remove(oldest.Value.Key);
            _size -= oldest.Value.Length;
        }

        _held[blob.Key] = _recency.AddFirst((blob.Key, blob.Length));
        _size += blob.Length;
    }

    /// <summary>Bytes of <paramref name="segments"/> the helper lacks: what sending it the task would cost beyond the inline part.</summary>
    public long MissingBytes(BlobSegment[] segments)
    {
        long missing = 0;
        foreach (var segment in segments)
        {
            if (!_held.ContainsKey(segment.Blob.Key))
            {
                missing += segment.Blob.Length;
            }
        }

        return missing;
    }
}
