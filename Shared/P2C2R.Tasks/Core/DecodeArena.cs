namespace P2C2R.Tasks;

/// <summary>
/// Reusable decode buffers for the byte-level executor calls (execute, verify, estimate). An
/// input decoded there never outlives the call: its output is encoded to fresh bytes before the
/// call returns. So its big arrays (a render band's 92 KB scene and as much light, an upscaled
/// frame) can come from this thread's arena and go back when the call ends, rather than being
/// allocated for every task. Outside a lease decoding allocates as usual, so a payload decoded
/// anywhere else owns its arrays.
/// </summary>
internal static class DecodeArena
{
    /// <summary>Smaller arrays are cheaper to allocate than to look up.</summary>
    private const int MinLength = 4 * 1024;

    /// <summary>What one thread keeps between calls, at most.</summary>
    private const int MaxKeptBytes = 2 * 1024 * 1024;

    [ThreadStatic]
    private static Arena? s_arena;

    /// <summary>Starts a call whose decoded arrays are returned when the lease is disposed; leases nest.</summary>
    public static Lease Enter()
    {
        var arena = s_arena ??= new Arena();
        arena.Depth++;
        return new Lease(arena);
    }

    /// <summary>An array of exactly <paramref name="length"/> bytes, with unspecified contents: the caller overwrites all of it.</summary>
    public static byte[] Rent(int length)
    {
        var arena = s_arena;
        return arena is { Depth: > 0 } && length >= MinLength ? arena.Rent(length) : new byte[length];
    }

    public readonly struct Lease(Arena arena) : IDisposable
    {
        public void Dispose() => arena.Exit();
    }

    internal sealed class Arena
    {
        private readonly List<byte[]> _free = [];
        private readonly List<byte[]> _lent = [];

        public int Depth { get; set; }

        public byte[] Rent(int length)
        {
            var array = Take(length) ?? new byte[length];
            _lent.Add(array);
            return array;
        }

        public void Exit()
        {
            if (--Depth > 0)
            {
                return;
            }

            _free.AddRange(_lent);
            _lent.Clear();
            var kept = 0L;
            for (var i = _free.Count - 1; i >= 0; i--)
            {
                if (kept + _free[i].Length > MaxKeptBytes)
                {
                    _free.RemoveAt(i);
                    continue;
                }

                kept += _free[i].Length;
            }
        }

        private byte[]? Take(int length)
        {
            for (var i = 0; i < _free.Count; i++)
            {
                if (_free[i].Length == length)
                {
                    var array = _free[i];
                    _free.RemoveAt(i);
                    return array;
                }
            }

            return null;
        }
    }
}
