namespace P2C2R.Coordinator.Scheduling;

/// <summary>
/// The last 64 latencies of one thing: a helper's task round trips, for its p50 (scoring) and p95
/// (when to hedge), or a session's frames from tick start to frame sent, for the dashboard.
/// Sorting 64 values on demand is cheaper than keeping an order on every sample.
/// </summary>
internal sealed class LatencyWindow
{
    private readonly double[] _samples = new double[64];
    private readonly double[] _sorted = new double[64];
    private int _count;
    private int _next;
    private bool _dirty;

    public int Count => _count;

    public void Add(double milliseconds)
    {
        _samples[_next] = milliseconds;
        _next = (_next + 1) % _samples.Length;
        _count = Math.Min(_count + 1, _samples.Length);
        _dirty = true;
    }

    /// <summary>The mean of the samples held; <paramref name="fallback"/> while there are none.</summary>
    public double Mean(double fallback)
    {
        if (_count == 0)
        {
            return fallback;
        }

        var sum = 0.0;
        for (var i = 0; i < _count; i++)
        {
            sum += _samples[i];
        }

        return sum / _count;
    }

    public double Percentile(double p, double fallback)
    {
        if (_count == 0)
        {
            return fallback;
        }

        if (_dirty)
        {
            Array.Copy(_samples, _sorted, _count);
            Array.Sort(_sorted, 0, _count);
            _dirty = false;
        }

        return _sorted[Math.Min(_count - 1, (int)(p * _count))];
    }
}
