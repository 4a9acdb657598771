using P2C2R.Coordinator.Scheduling;

namespace P2C2R.Coordinator.Tests;

/// <summary>The window of the last 64 latencies: its mean and percentiles cover only what it still holds.</summary>
public sealed class LatencyWindowTests
{
    [Fact]
    public void An_empty_window_gives_the_fallback()
    {
        var window = new LatencyWindow();

        Assert.Equal(7, window.Mean(7));
        Assert.Equal(9, window.Percentile(0.95, 9));
    }

    [Fact]
    public void The_mean_and_p95_cover_the_last_64_samples_only()
    {
        var window = new LatencyWindow();
        for (var i = 0; i < 36; i++)
        {
            window.Add(1000);
        }

        for (var i = 1; i <= 64; i++)
        {
            window.Add(i);
        }

        Assert.Equal(64, window.Count);
        Assert.Equal(32.5, window.Mean(0));
        Assert.Equal(61, window.Percentile(0.95, 0));
    }
}
