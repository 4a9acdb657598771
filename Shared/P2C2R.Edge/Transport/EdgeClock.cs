using System.Diagnostics;

namespace P2C2R.Edge.Transport;

/// <summary>
/// Monotonic microseconds for heartbeats: a Ping carries its sender's clock and the Pong echoes
/// it, so round trips are measured on one machine's clock and never across two.
/// </summary>
internal static class EdgeClock
{
    private static readonly long TicksPerMicro = Math.Max(1, Stopwatch.Frequency / 1_000_000);

    public static long NowMicros => Stopwatch.GetTimestamp() / TicksPerMicro;
}
