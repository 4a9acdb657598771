namespace P2C2R.Benchmarks.Edge;

/// <summary>To the driver: answer <see cref="EchoConnected"/> once the edge handshake is done.</summary>
public sealed record AwaitEchoConnected;

public sealed record EchoConnected;

/// <summary>To the driver: <paramref name="Count"/> round trips one after another; answered with their times in microseconds.</summary>
public sealed record RunRoundTrips(int Count);

/// <summary>To the driver: one-way messages for <paramref name="Duration"/>; answered with <see cref="OneWayResult"/>.</summary>
public sealed record RunOneWay(TimeSpan Duration);

/// <summary>Messages sent and acknowledged, and the time from the first sent to the last acknowledgement.</summary>
public sealed record OneWayResult(long Messages, TimeSpan Elapsed)
{
    public double PerSecond => Messages / Elapsed.TotalSeconds;
}
