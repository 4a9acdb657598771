using P2C2R.Edge.Blobs;

namespace P2C2R.PeerNode.Helping;

/// <summary>
/// Tasks held until the blobs spliced into their input arrive. A blob may be named by several
/// waiting tasks, so it is asked for once; a task whose deadline passes while it waits is answered
/// as failed rather than held forever.
/// </summary>
internal sealed class BlobWaits
{
    private readonly List<(PendingTask Task, List<byte[]> Missing)> _waiting = [];

    public int Count => _waiting.Count;

    /// <summary>Holds <paramref name="pending"/> until <paramref name="missing"/> arrive; returns the digests nobody asked for yet.</summary>
    public List<byte[]> Add(PendingTask pending, List<byte[]> missing)
    {
        var unasked = missing.FindAll(digest => !IsAwaited(digest));
        _waiting.Add((pending, missing));
        return unasked;
    }

    /// <summary>Tasks no longer missing anything now that <paramref name="digest"/> arrived, removed from the waits.</summary>
    public List<PendingTask> Arrived(ReadOnlySpan<byte> digest)
    {
        var ready = new List<PendingTask>();
        var kept = 0;
        for (var i = 0; i < _waiting.Count; i++)
        {
            var (task, missing) = _waiting[i];
            for (var m = missing.Count - 1; m >= 0; m--)
            {
                if (missing[m].AsSpan().SequenceEqual(digest))
                {
                    missing.RemoveAt(m);
                }
            }

            if (missing.Count == 0)
            {
                ready.Add(task);
            }
            else
            {
                _waiting[kept++] = (task, missing);
            }
        }

        _waiting.RemoveRange(kept, _waiting.Count - kept);
        return ready;
    }

    /// <summary>Tasks whose deadline passed while they waited, removed from the waits.</summary>
    public List<PendingTask> Expired()
    {
        var expired = new List<PendingTask>();
        var kept = 0;
        for (var i = 0; i < _waiting.Count; i++)
        {
            if (_waiting[i].Task.Remaining() <= TimeSpan.Zero)
            {
                expired.Add(_waiting[i].Task);
            }
            else
            {
                _waiting[kept++] = _waiting[i];
            }
        }

        _waiting.RemoveRange(kept, _waiting.Count - kept);
        return expired;
    }

    /// <summary>Every waiting task, removed.</summary>
    public List<PendingTask> TakeAll()
    {
        var all = _waiting.ConvertAll(w => w.Task);
        _waiting.Clear();
        return all;
    }

    private bool IsAwaited(byte[] digest) =>
        _waiting.Exists(w => w.Missing.Exists(d => d.AsSpan().SequenceEqual(digest)));
}
