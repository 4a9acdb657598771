using P2C2R.Protocol.Contracts;

namespace P2C2R.Edge.Blobs;

/// <summary>
/// Builds a task's input from its inline bytes and the blobs spliced into it
/// (<see cref="AssignTask.Splices"/>), checking the splices first: a helper treats them as hostile
/// input like any other byte from the wire.
/// </summary>
public static class BlobSplicing
{
    /// <summary>At most this many splices per task.</summary>
    public const int MaxSplices = 64;

    /// <summary>Why the splices of <paramref name="task"/> cannot be used, or null when they are well formed.</summary>
    public static string? Check(AssignTask task)
    {
        if (task.Splices is not { } splices)
        {
            return null;
        }

        if (splices.Length > MaxSplices)
        {
            return $"the task has {splices.Length} splices; at most {MaxSplices}";
        }

        var previous = 0;
        foreach (var splice in splices)
        {
            if (splice is null || splice.Digest is null || splice.Digest.Length != BlobDigest.Bytes)
            {
                return $"a splice digest must have {BlobDigest.Bytes} bytes";
            }

            if (splice.Offset < previous || splice.Offset > task.Input.Length)
            {
                return $"splice offset {splice.Offset} is out of order or beyond the {task.Input.Length} inline bytes";
            }

            previous = splice.Offset;
        }

        return null;
    }

    /// <summary>The digests of <paramref name="task"/>'s splices that <paramref name="cache"/> lacks (checked splices only).</summary>
    public static List<byte[]> Missing(AssignTask task, BlobCache cache)
    {
        var missing = new List<byte[]>();
        foreach (var splice in task.Splices ?? [])
        {
            if (!cache.Contains(splice.Digest) && !missing.Exists(d => d.AsSpan().SequenceEqual(splice.Digest)))
            {
                missing.Add(splice.Digest);
            }
        }

        return missing;
    }

    /// <summary>
    /// The executor's input: the inline bytes with every blob inserted at its offset; null when a
    /// blob is no longer in <paramref name="cache"/> (evicted since <see cref="Missing"/>) or the
    /// whole would exceed <paramref name="maxBytes"/> (then <paramref name="error"/> says which).
    /// </summary>
    public static byte[]? Assemble(AssignTask task, BlobCache cache, long maxBytes, out string? error)
    {
        error = null;
        var splices = task.Splices ?? [];
        var blobs = new byte[splices.Length][];
        long total = task.Input.Length;
        for (var i = 0; i < splices.Length; i++)
        {
            if (!cache.TryGet(splices[i].Digest, out blobs[i]))
            {
                return null;
            }

            total += blobs[i].Length;
        }

        if (total > maxBytes)
        {
            error = $"input of {total} bytes exceeds the limit of {maxBytes}";
            return null;
        }

        if (splices.Length == 0)
        {
            return task.Input;
        }

        var input = new byte[total];
        var written = 0;
        var taken = 0;
        for (var i = 0; i < splices.Length; i++)
        {
            var inline = splices[i].Offset - taken;
            task.Input.AsSpan(taken, inline).CopyTo(input.AsSpan(written));
            written += inline;
            taken += inline;
            blobs[i].CopyTo(input, written);
            written += blobs[i].Length;
        }

        task.Input.AsSpan(taken).CopyTo(input.AsSpan(written));
        return input;
    }
}
