using P2C2R.Remote.FailureDetection;

namespace P2C2R.Remote.Tests;

public class PhiAccrualTests
{
    private static readonly FailureDetectorSettings Settings = new(8, TimeSpan.Zero, TimeSpan.FromMilliseconds(10), 100, TimeSpan.FromMilliseconds(100));

    [Fact]
    public void Phi_grows_with_the_time_since_the_last_heartbeat()
    {
        long now = 0;
        var detector = new PhiAccrualFailureDetector(Settings, () => now);
        for (var i = 0; i < 20; i++)
        {
            detector.Heartbeat();
            now += 100;
        }

        now -= 100;
        var samples = new List<double>();
        foreach (var delay in new[] { 50, 100, 150, 200, 300 })
        {
            now += delay;
            samples.Add(detector.Phi());
            now -= delay;
        }

        Assert.Equal(samples.Order(), samples);
        Assert.True(samples[1] < 1, $"phi at the mean interval was {samples[1]}");
        Assert.True(samples[^1] > 8, $"phi at three times the mean was {samples[^1]}");
    }

    [Fact]
    public void An_acceptable_pause_delays_suspicion()
    {
        long now = 0;
        var strict = new PhiAccrualFailureDetector(Settings, () => now);
        var lenient = new PhiAccrualFailureDetector(Settings with { AcceptableHeartbeatPause = TimeSpan.FromSeconds(1) }, () => now);
        for (var i = 0; i < 10; i++)
        {
            strict.Heartbeat();
            lenient.Heartbeat();
            now += 100;
        }

        now += 500;

        Assert.False(strict.IsAvailable);
        Assert.True(lenient.IsAvailable);
    }

    [Fact]
    public void Before_the_first_heartbeat_nothing_is_suspected()
    {
        var detector = new PhiAccrualFailureDetector(Settings, () => 1_000_000);

        Assert.False(detector.IsMonitoring);
        Assert.Equal(0, detector.Phi());
    }

    [Fact]
    public void Phi_stays_finite_far_into_the_tail()
    {
        Assert.True(double.IsFinite(PhiAccrualFailureDetector.Phi(100_000, 100, 10)));
        Assert.True(PhiAccrualFailureDetector.Phi(100_000, 100, 10) > 100);
    }
}
