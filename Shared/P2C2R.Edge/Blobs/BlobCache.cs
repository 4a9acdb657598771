namespace P2C2R.Edge.Blobs;

/// <summary>
/// A helper's blobs by digest, bounded in bytes, least recently used first out (docs/PROTOCOL.md
/// §7). The helper may lose any blob at any time and ask again, so eviction is always safe.
/// Thread-safe: executors read while the connection puts.
/// </summary>
public sealed class BlobCache
{
    private readonly Dictionary<BlobId, LinkedListNode<Entry>> byId = [];
    private readonly LinkedList<Entry> recency = new();
    private readonly Lock gate = new();
    private long size;

    public BlobCache(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);
        CapacityBytes = capacityBytes;
    }

    public long CapacityBytes { get; }

    /// <summary>Bytes of content held now.</summary>
    public long SizeBytes
    {
        get
        {
            lock (gate)
            {
                return size;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return byId.Count;
            }
        }
    }

    /// <summary>The content of <paramref name="digest"/>, which becomes the most recently used.</summary>
    public bool TryGet(ReadOnlySpan<byte> digest, out byte[] content)
    {
        content = [];
        if (!BlobId.TryCreate(digest, out var id))
        {
            return false;
        }

        lock (gate)
        {
            if (!byId.TryGetValue(id, out var node))
            {
                return false;
            }

            recency.Remove(node);
            recency.AddFirst(node);
            content = node.Value.Content;
            return true;
        }
    }

    public bool Contains(ReadOnlySpan<byte> digest)
    {
        if (!BlobId.TryCreate(digest, out var id))
        {
            return false;
        }

        lock (gate)
        {
            return byId.ContainsKey(id);
        }
    }

    /// <summary>
    /// Keeps <paramref name="content"/> under <paramref name="digest"/>, evicting the least recently
    /// used blobs to make room. The caller has checked <see cref="BlobDigest.Matches"/>. Returns false
    /// when the digest is not 32 bytes or the content alone is larger than the capacity.
    /// </summary>
    public bool Put(ReadOnlySpan<byte> digest, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!BlobId.TryCreate(digest, out var id) || content.Length > CapacityBytes)
        {
            return false;
        }

        lock (gate)
        {
            if (byId.Remove(id, out var existing))
            {
                recency.Remove(existing);
                size -= existing.Value.Content.Length;
            }

            while (size + content.Length > CapacityBytes && recency.Last is { } oldest)
            {
                recency.RemoveLast();
                byId.Remove(oldest.Value.Id);
                size -= oldest.Value.Content.Length;
            }

            byId[id] = recency.AddFirst(new Entry(id, content));
            size += content.Length;
            return true;
        }
    }

    public bool Remove(ReadOnlySpan<byte> digest)
    {
        if (!BlobId.TryCreate(digest, out var id))
        {
            return false;
        }

        lock (gate)
        {
            if (!byId.Remove(id, out var node))
            {
                return false;
            }

            recency.Remove(node);
            size -= node.Value.Content.Length;
            return true;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            byId.Clear();
            recency.Clear();
            size = 0;
        }
    }

    private readonly record struct Entry(BlobId Id, byte[] Content);
}
