namespace P2C2R.Edge.Client;

/// <summary>
/// Reconnect delays: doubling from a minimum to a maximum, each drawn between half and all of the
/// current step, so clients dropped together by one coordinator do not return in lockstep.
/// </summary>
internal sealed class Backoff(TimeSpan min, TimeSpan max, Random random)
{
    private TimeSpan step;

    public TimeSpan Next()
    {
        if (step < min)
        {
            step = min;
        }

        var delay = step * (0.5 + (random.NextDouble() * 0.5));
        step = step * 2 > max ? max : step * 2;
        return delay;
    }

    public void Reset() => step = min;
}
