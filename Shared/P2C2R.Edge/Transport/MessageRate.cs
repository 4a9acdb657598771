using System.Threading.RateLimiting;

namespace P2C2R.Edge.Transport;

/// <summary>
/// The per-connection message rate limit (docs/PROTOCOL.md §3): a token bucket of
/// <c>burst</c> messages refilled at <c>rate</c> a second, in tenths of a second so a burst
/// drains smoothly. A granted lease is the limiter's shared one: nothing is allocated per message.
/// </summary>
internal static class MessageRate
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    public static TokenBucketRateLimiter Create(double messagesPerSecond, double burst) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = (int)Math.Max(1, burst),
        TokensPerPeriod = (int)Math.Max(1, Math.Ceiling(messagesPerSecond * Period.TotalSeconds)),
        ReplenishmentPeriod = Period,
        AutoReplenishment = true,
        QueueLimit = 0,
    });
}
