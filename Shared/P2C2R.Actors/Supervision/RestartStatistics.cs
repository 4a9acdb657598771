namespace P2C2R.Actors;

/// <summary>
/// Restarts of one child within the current window, so a child that keeps failing is stopped
/// instead of restarted forever. Touched only by the supervisor's own mailbox run.
/// </summary>
internal sealed class RestartStatistics
{
    private int _count;
    private long _windowStart;

    /// <param name="maxRetries">Restarts allowed in the window; negative for no limit.</param>
    /// <param name="window">Length of the window; zero or infinite counts restarts forever.</param>
    public bool RequestPermission(int maxRetries, TimeSpan window)
    {
        if (maxRetries < 0)
        {
            return true;
        }

        if (window <= TimeSpan.Zero)
        {
            return ++_count <= maxRetries;
        }

        var now = Environment.TickCount64;
        if (_count == 0 || now - _windowStart > (long)window.TotalMilliseconds)
        {
            _windowStart = now;
            _count = 1;
            return maxRetries >= 1;
        }

        return ++_count <= maxRetries;
    }
}
