using System.Diagnostics;

namespace P2C2R.Edge.Transport;

/// <summary>
/// The per-connection message rate limit (docs/PROTOCOL.md §3): <c>rate</c> tokens a second up to
/// <c>burst</c>. Used by the one reader of a connection only, so it needs no lock.
/// </summary>
internal sealed class TokenBucket
{
    private readonly double tokensPerTick;
    private readonly double burst;
    private double tokens;
    private long last = Stopwatch.GetTimestamp();

    public TokenBucket(double ratePerSecond, double burst)
    {
        tokensPerTick = ratePerSecond / Stopwatch.Frequency;
        this.burst = burst;
        tokens = burst;
    }

    public bool TryTake()
    {
        var now = Stopwatch.GetTimestamp();
        tokens = Math.Min(burst, tokens + ((now - last) * tokensPerTick));
        last = now;
        if (tokens < 1)
        {
            return false;
        }

        tokens -= 1;
        return true;
    }
}
