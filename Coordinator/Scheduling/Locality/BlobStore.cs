using System.IO.Hashing;
using System.Security.Cryptography;
using P2C2R.Edge.Blobs;

namespace P2C2R.Coordinator.Scheduling.Locality;

/// <summary>
/// The scheduler's content-addressed memory of large task parts (docs/PROTOCOL.md §7): the same
/// scene carried by four bands, a band's output carried again as a strip of the upscale input,
/// a frame that is the current one of this delta and the previous one of the next. Each is found
/// again by a fast non-cryptographic key (confirmed by comparing the bytes, so a collision can
/// cost a lookup, never a wrong blob) and hashed with SHA-256 once, when a helper first needs its
/// name. Bounded in bytes, least recently used first out; a blob still named by a pending task
/// stays alive through that task, and a helper asking for one evicted from here has the task fail
/// over like any other failure. Owned by the scheduler actor: not thread-safe.
/// </summary>
internal sealed class BlobStore(long capacityBytes)
{
    private readonly Dictionary<UInt128, LinkedListNode<StoredBlob>> _byKey = [];
    private readonly Dictionary<BlobId, StoredBlob> _byDigest = [];
    private readonly LinkedList<StoredBlob> _recency = new();
    private readonly List<(int Offset, int Length)> _found = [];
    private long _size;

    public long SizeBytes => _size;

    /// <summary>The large bin values of <paramref name="document"/> (a task input or a helper's output), each interned.</summary>
    public BlobSegment[] Segments(ReadOnlyMemory<byte> document)
    {
        _found.Clear();
        BlobSegments.Find(document, _found);
        if (_found.Count == 0)
        {
            return [];
        }

        var segments = new BlobSegment[_found.Count];
        for (var i = 0; i < segments.Length; i++)
        {
            var (offset, length) = _found[i];
            segments[i] = new BlobSegment(offset, Intern(document.Slice(offset, length)));
        }

        return segments;
    }

    /// <summary>The stored blob with this content, stored now if it is new.</summary>
    public StoredBlob Intern(ReadOnlyMemory<byte> content)
    {
        var key = XxHash128.HashToUInt128(content.Span);
        if (_byKey.TryGetValue(key, out var node) && node.Value.Content.Span.SequenceEqual(content.Span))
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value;
        }

        if (node is not null)
        {
            Evict(node);
        }

        var blob = new StoredBlob(key, content);
        _byKey[key] = _recency.AddFirst(blob);
        _size += blob.Length;
        while (_size > capacityBytes && _recency.Last is { } oldest && oldest.Value != blob)
        {
            Evict(oldest);
        }

        return blob;
    }

    /// <summary>The SHA-256 name of <paramref name="blob"/>, computed on first use.</summary>
    public byte[] DigestOf(StoredBlob blob)
    {
        if (blob.Digest is null)
        {
            blob.Digest = SHA256.HashData(blob.Content.Span);
            if (BlobId.TryCreate(blob.Digest, out var id))
            {
                _byDigest[id] = blob;
            }
        }

        return blob.Digest;
    }

    /// <summary>A blob a helper asked for by name, if it is still here.</summary>
    public bool TryGet(ReadOnlySpan<byte> digest, out StoredBlob blob)
    {
        blob = null!;
        return BlobId.TryCreate(digest, out var id) && _byDigest.TryGetValue(id, out blob!);
    }

    private void Evict(LinkedListNode<StoredBlob> node)
    {
        _recency.Remove(node);
        _byKey.Remove(node.Value.Key);
        if (node.Value.Digest is { } digest && BlobId.TryCreate(digest, out var id))
        {
            _byDigest.Remove(id);
        }

        _size -= node.Value.Length;
    }
}
