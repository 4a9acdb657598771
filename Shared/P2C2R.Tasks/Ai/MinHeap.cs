namespace P2C2R.Tasks.Ai;

/// <summary>
/// A binary min-heap of (priority, cell) ordered by priority then cell, so equal priorities pop
/// in the same order on every machine, unlike <see cref="PriorityQueue{TElement, TPriority}"/>,
/// whose tie order is unspecified.
/// </summary>
internal sealed class MinHeap(int capacity)
{
    private (long Priority, int Cell)[] _items = new (long, int)[Math.Max(16, capacity)];

    public int Count { get; private set; }

    public void Push(long priority, int cell)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Less(priority, cell, _items[parent]))
            {
                break;
            }

            _items[i] = _items[parent];
            i = parent;
        }

        _items[i] = (priority, cell);
    }

    public (long Priority, int Cell) Pop()
    {
        var top = _items[0];
        var last = _items[--Count];
        var i = 0;
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && Less(_items[child + 1].Priority, _items[child + 1].Cell, _items[child]))
            {
                child++;
            }

            if (!Less(_items[child].Priority, _items[child].Cell, last))
            {
                break;
            }

            _items[i] = _items[child];
            i = child;
        }

        if (Count > 0)
        {
            _items[i] = last;
        }

        return top;
    }

    private static bool Less(long priority, int cell, (long Priority, int Cell) other) =>
        priority < other.Priority || (priority == other.Priority && cell < other.Cell);
}
