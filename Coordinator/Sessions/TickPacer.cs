using System.Diagnostics;

namespace P2C2R.Coordinator.Sessions;

/// <summary>
/// Keeps a session's ticks at their rate by the clock rather than by a timer's period. Akka's
/// scheduler fires in steps of its tick duration (10 ms), so a periodic timer of 16.7 ms would
/// fire every 10 ms and a 60 Hz session would play 100 ticks a second. The session polls
/// <see cref="Due"/> from a timer finer than a tick; a tick is due when its time on the clock has
/// come, one per poll, and a session that fell far behind (a paused process) starts afresh
/// instead of racing to catch up.
/// </summary>
internal sealed class TickPacer(TimeSpan period)
{
    /// <summary>How often to poll: Akka's scheduler resolution, well under any tick period in use.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    private const int MaxTicksBehind = 4;
    private readonly long _periodTicks = (long)(period.TotalSeconds * Stopwatch.Frequency);
    private long _next;

    /// <summary>Starts (or restarts) the clock: the first tick is due at once.</summary>
    public void Start() => _next = Stopwatch.GetTimestamp();

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
