using System.IO.Hashing;

namespace P2C2R.Tasks.Render;

/// <summary>
/// The last whole frames upscaled in this process, by their exact source and shape. A frame
/// chain's <c>render.finish</c> upscales each traced frame twice, as the current frame of one
/// delta and the previous one of the next; the second time is found here instead of computed, on
/// a helper that finishes a chain's frames and on a coordinator that computes them itself. It holds
/// enough frames for a node's sessions to interleave. A hit returns exactly what
/// <see cref="Resampler.Rows"/> computed (found by a hash, confirmed byte for byte), so results
/// never depend on it. Callers treat the frames it returns as read-only. Thread-safe: local
/// computations run in parallel on the thread pool.
/// </summary>
internal static class UpscaleMemo
{
    private const int Capacity = 16;
    private static readonly Lock Gate = new();
    private static readonly Entry?[] Entries = new Entry?[Capacity];
    private static int _next;

    /// <summary>The whole target frame of <paramref name="input"/> (its rows are ignored).</summary>
    public static byte[] Frame(UpscaleInput input)
    {
        var key = new Key(input.SourceWidth, input.SourceHeight, input.TargetWidth, input.TargetHeight, input.Quality, XxHash3.HashToUInt64(input.Source));
        lock (Gate)
        {
            foreach (var entry in Entries)
            {
                if (entry is not null && entry.Key == key && entry.Source.AsSpan().SequenceEqual(input.Source))
                {
                    return entry.Frame;
                }
            }
        }

        var frame = new Resampler(input).Rows(0, input.TargetHeight);
        var stored = new Entry(key, input.Source.ToArray(), frame);
        lock (Gate)
        {
            Entries[_next] = stored;
            _next = (_next + 1) % Capacity;
        }

        return frame;
    }

    /// <summary>Forgets every frame, so a measurement sees what a frame costs when it is not held.</summary>
    internal static void Clear()
    {
        lock (Gate)
        {
            Array.Clear(Entries);
        }
    }

    private readonly record struct Key(int SourceWidth, int SourceHeight, int TargetWidth, int TargetHeight, UpscaleQuality Quality, ulong SourceHash);

    private sealed record Entry(Key Key, byte[] Source, byte[] Frame);
}
