namespace P2C2R.Sandbox.Host;

/// <summary>The last lines a worker wrote to stderr, kept to explain why it died.</summary>
internal sealed class StderrTail(int capacity = 20)
{
    private readonly Queue<string> _lines = new();

    public void Add(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    public bool Contains(string text)
    {
        lock (_lines)
        {
            return _lines.Any(line => line.Contains(text, StringComparison.Ordinal));
        }
    }

    public string LastLine()
    {
        lock (_lines)
        {
            return _lines.LastOrDefault() ?? "";
        }
    }
}
