namespace P2C2R.Remote.FailureDetection;

/// <summary>
/// The phi-accrual failure detector (Hayashibara et al.): instead of a yes/no timeout it gives a
/// suspicion level phi that grows the longer a heartbeat is overdue relative to the intervals
/// seen so far, modelled as a normal distribution. phi = 1 means about a 10% chance of a false
/// suspicion, phi = 10 about 1e-10. Not thread-safe: its owner serialises calls.
/// </summary>
public sealed class PhiAccrualFailureDetector
{
    private readonly FailureDetectorSettings _settings;
    private readonly double[] _intervals;
    private readonly Func<long> _clockMs;
    private int _count;
    private int _next;
    private double _sum;
    private double _sumOfSquares;
    private long _lastHeartbeatMs = -1;

    public PhiAccrualFailureDetector(FailureDetectorSettings settings, Func<long>? clockMs = null)
    {
        _settings = settings;
        _intervals = new double[Math.Max(1, settings.MaxSampleSize)];
        _clockMs = clockMs ?? (static () => Environment.TickCount64);
    }

    public bool IsMonitoring => _lastHeartbeatMs >= 0;

    /// <summary>Forgets the history (a new incarnation of the monitored system).</summary>
    public void Reset()
    {
        _count = 0;
        _next = 0;
        _sum = 0;
        _sumOfSquares = 0;
        _lastHeartbeatMs = -1;
    }

    public void Heartbeat()
    {
        var now = _clockMs();
        if (_lastHeartbeatMs < 0)
        {
            var estimate = _settings.FirstHeartbeatEstimate.TotalMilliseconds;
            var deviation = estimate / 4;
            Add(estimate - deviation);
            Add(estimate + deviation);
        }
        else
        {
            Add(now - _lastHeartbeatMs);
        }

        _lastHeartbeatMs = now;
    }

    public double Phi()
    {
        if (_lastHeartbeatMs < 0)
        {
            return 0;
        }

        var elapsed = _clockMs() - _lastHeartbeatMs;
        var mean = (_sum / _count) + _settings.AcceptableHeartbeatPause.TotalMilliseconds;
        var variance = Math.Max(0, (_sumOfSquares / _count) - ((_sum / _count) * (_sum / _count)));
        var deviation = Math.Max(Math.Sqrt(variance), _settings.MinStdDeviation.TotalMilliseconds);
        return Phi(elapsed, mean, deviation);
    }

    public bool IsAvailable => Phi() < _settings.Threshold;

    /// <summary>
    /// phi for a delay, using the logistic approximation of the normal CDF:
    /// phi = -log10(e / (1 + e)) with e = exp(-z), z = y (1.5976 + 0.070566 y^2), y the delay in
    /// standard deviations past the mean. Written as (z + ln(1 + e^-z)) / ln 10 and evaluated
    /// stably, it stays finite and monotonic however overdue the heartbeat is.
    /// </summary>
    public static double Phi(double elapsedMs, double meanMs, double deviationMs)
    {
        var y = (elapsedMs - meanMs) / deviationMs;
        var z = y * (1.5976 + (0.070566 * y * y));
        return (z + SoftPlus(-z)) / Math.Log(10);
    }

    private static double SoftPlus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));

    private void Add(double interval)
    {
        if (_count == _intervals.Length)
        {
            var old = _intervals[_next];
            _sum -= old;
            _sumOfSquares -= old * old;
        }
        else
        {
            _count++;
        }

        _intervals[_next] = interval;
        _next = (_next + 1) % _intervals.Length;
        _sum += interval;
        _sumOfSquares += interval * interval;
    }
}
