using System.Diagnostics;

namespace P2C2R.Coordinator.Sessions;

/// <summary>
/// Keeps a session's ticks at their rate by the clock rather than by a timer's period. Akka's
/// scheduler fires in steps of its tick duration (10 ms), so a periodic timer of 16.7 ms would
/// fire every 10 ms and a 60 Hz session would play 100 ticks a second. The session asks
/// <see cref="Due"/> when a single timer set to <see cref="UntilDue"/> fires (late by up to one
/// scheduler step); a tick is due when its time on the clock has come, its successor is due one
/// period after its own time, not after the late firing, so the rate holds on average; and a
/// session that fell far behind (a paused process) starts afresh instead of racing to catch up.
/// </summary>
internal sealed class TickPacer(TimeSpan period)
{
    private const int MaxTicksBehind = 4;
    private readonly long _periodTicks = (long)(period.TotalSeconds * Stopwatch.Frequency);
    private long _next;

    /// <summary>Starts (or restarts) the clock: the first tick is due at once.</summary>
    public void Start() => _next = Stopwatch.GetTimestamp();

    /// <summary>Time until the next tick is due (zero when it is due already).</summary>
    public TimeSpan UntilDue()
    {
        var left = _next - Stopwatch.GetTimestamp();
        return left <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)left / Stopwatch.Frequency);
    }

    /// <summary>Whether a tick is due now; if so, the next one is due one period later.</summary>
    public bool Due()
    {
        var now = Stopwatch.GetTimestamp();
        if (now < _next)
        {
            return false;
        }

        _next = now - _next > MaxTicksBehind * _periodTicks ? now + _periodTicks : _next + _periodTicks;
        return true;
    }
}
