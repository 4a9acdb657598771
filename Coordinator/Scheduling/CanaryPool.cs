using System.Diagnostics.CodeAnalysis;

namespace P2C2R.Coordinator.Scheduling;

/// <summary>
/// Canaries a helper cannot tell from real work: settled live tasks, with the hash of their
/// validated output, sent again to a helper that did not compute them. A fixed set of golden
/// inputs can be learnt and answered right while real work is answered wrong; a task drawn from
/// the live stream, of a type chosen as often as that type really settles, looks like any other.
/// Each task type keeps a reservoir of its newest <c>perType</c> settled tasks, and all inputs
/// together are held to <c>maxBytes</c>, the oldest going first. How often each type settles is
/// counted, and every count halved every <see cref="ForgetEvery"/> settlements, so the mix follows
/// the game being played now. A task drawn for a helper is never drawn for it again, so a helper
/// never sees one input twice and cannot spot a canary by its coming back. Not thread-safe: one
/// actor owns it. Deterministic given the <see cref="Random"/> passed to <see cref="TryDraw"/>.
/// </summary>
/// <typeparam name="TWork">What the scheduler sends again (its work item).</typeparam>
public sealed class CanaryPool<TWork>
{
    /// <summary>Settlements after which every type's count is halved.</summary>
    public const int ForgetEvery = 1 << 16;

    private readonly int _perType;
    private readonly long _maxBytes;

    /// <summary>In order of first settlement, so draws never depend on hash order.</summary>
    private readonly List<Reservoir> _types = [];
    private readonly Dictionary<string, Reservoir> _byType = new(StringComparer.Ordinal);
    private long _sequence;
    private long _sinceForget;

    public CanaryPool(int perType, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perType, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        (_perType, _maxBytes) = (perType, maxBytes);
    }

    /// <summary>Tasks held, all types together.</summary>
    public int Count { get; private set; }

    /// <summary>Input bytes held, all types together: never more than the pool's <c>maxBytes</c>.</summary>
    public long Bytes { get; private set; }

    /// <summary>
    /// A live task of <paramref name="taskType"/> settled with <paramref name="outputHash"/> as its
    /// validated output, computed by <paramref name="computedBy"/> (helper ids; none when the
    /// coordinator computed it alone): it counts towards its type's frequency and is kept, unless
    /// its input (<paramref name="sizeBytes"/>) alone is over the pool's size.
    /// </summary>
    public void Add(string taskType, TWork work, string outputHash, IReadOnlyCollection<long> computedBy, long sizeBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeBytes);
        if (!_byType.TryGetValue(taskType, out var reservoir))
        {
            reservoir = new Reservoir(taskType, _perType);
            _byType[taskType] = reservoir;
            _types.Add(reservoir);
        }

        reservoir.Settled++;
        if (++_sinceForget >= ForgetEvery)
        {
            Forget();
        }

        if (sizeBytes > _maxBytes)
        {
            return;
        }

        if (reservoir.Count == _perType)
        {
            Drop(reservoir);
        }

        while (Bytes + sizeBytes > _maxBytes)
        {
            Drop(Oldest());
        }

        reservoir.Push(new Entry(work, outputHash, [.. computedBy], sizeBytes, ++_sequence));
        Bytes += sizeBytes;
        Count++;
    }

    /// <summary>
    /// Draws a canary for helper <paramref name="helperId"/>: a task type among those it runs
    /// (<paramref name="helperRuns"/>) and has a task left to be given, with probability in
    /// proportion to how often the type settles, then one such task of it at random. False when
    /// there is none.
    /// </summary>
    public bool TryDraw(Random random, Func<string, bool> helperRuns, long helperId, [MaybeNullWhen(false)] out TWork work, [MaybeNullWhen(false)] out string outputHash)
    {
        long total = 0;
        foreach (var reservoir in _types)
        {
            if (Open(reservoir, helperRuns, helperId))
            {
                total += reservoir.Settled;
            }
        }

        (work, outputHash) = (default, null);
        if (total == 0)
        {
            return false;
        }

        var pick = random.NextInt64(total);
        foreach (var reservoir in _types)
        {
            if (!Open(reservoir, helperRuns, helperId))
            {
                continue;
            }

            if (pick >= reservoir.Settled)
            {
                pick -= reservoir.Settled;
                continue;
            }

            var index = reservoir.Nth(random.Next(reservoir.OpenTo(helperId)), helperId);
            var entry = reservoir.At(index);
            reservoir.Set(index, entry with { Seen = [.. entry.Seen, helperId] });
            (work, outputHash) = (entry.Work, entry.OutputHash);
            return true;
        }

        throw new InvalidOperationException("the weights of the open task types changed during a draw");
    }

    private static bool Open(Reservoir reservoir, Func<string, bool> helperRuns, long helperId) =>
        reservoir.Settled > 0 && reservoir.Count > 0 && helperRuns(reservoir.Type) && reservoir.OpenTo(helperId) > 0;

    private void Forget()
    {
        _sinceForget = 0;
        foreach (var reservoir in _types)
        {
            reservoir.Settled -= reservoir.Settled / 2;
        }
    }

    private Reservoir Oldest()
    {
        Reservoir? oldest = null;
        foreach (var reservoir in _types)
        {
            if (reservoir.Count > 0 && (oldest is null || reservoir.At(0).Sequence < oldest.At(0).Sequence))
            {
                oldest = reservoir;
            }
        }

        return oldest ?? throw new InvalidOperationException("the pool counts bytes it does not hold");
    }

    private void Drop(Reservoir reservoir)
    {
        Bytes -= reservoir.PopOldest().SizeBytes;
        Count--;
    }

    /// <summary>A settled task kept; <see cref="Seen"/> holds the helpers that computed it or were given it as a canary.</summary>
    private readonly record struct Entry(TWork Work, string OutputHash, long[] Seen, long SizeBytes, long Sequence);

    /// <summary>One type's newest settled tasks, oldest first, in a ring allocated once.</summary>
    private sealed class Reservoir(string type, int capacity)
    {
        private readonly Entry[] _ring = new Entry[capacity];
        private int _head;

        public string Type { get; } = type;

        public long Settled { get; set; }

        public int Count { get; private set; }

        /// <summary>The <paramref name="index"/>th oldest task.</summary>
        public Entry At(int index) => _ring[(_head + index) % _ring.Length];

        public void Set(int index, Entry entry) => _ring[(_head + index) % _ring.Length] = entry;

        public void Push(Entry entry)
        {
            _ring[(_head + Count) % _ring.Length] = entry;
            Count++;
        }

        public Entry PopOldest()
        {
            var oldest = _ring[_head];
            _ring[_head] = default;
            _head = (_head + 1) % _ring.Length;
            Count--;
            return oldest;
        }

        /// <summary>How many tasks <paramref name="helperId"/> has neither computed nor been given.</summary>
        public int OpenTo(long helperId)
        {
            var open = 0;
            for (var i = 0; i < Count; i++)
            {
                if (Array.IndexOf(At(i).Seen, helperId) < 0)
                {
                    open++;
                }
            }

            return open;
        }

        /// <summary>The index of the <paramref name="n"/>th task open to <paramref name="helperId"/>.</summary>
        public int Nth(int n, long helperId)
        {
            for (var i = 0; i < Count; i++)
            {
                if (Array.IndexOf(At(i).Seen, helperId) < 0 && n-- == 0)
                {
                    return i;
                }
            }

            throw new ArgumentOutOfRangeException(nameof(n), "fewer tasks are open to the helper");
        }
    }
}
