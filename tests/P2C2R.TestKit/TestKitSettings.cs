using P2C2R.Hocon;

namespace P2C2R.TestKit;

/// <summary>TestKit timing from <c>p2c2r.test</c>; every timeout is multiplied by <see cref="TimeFactor"/>.</summary>
public sealed class TestKitSettings(Config config)
{
    public double TimeFactor { get; } = config.GetDouble("p2c2r.test.timefactor");
    public TimeSpan SingleExpectDefault { get; } = config.GetDuration("p2c2r.test.single-expect-default");
    public TimeSpan ExpectNoMessageDefault { get; } = config.GetDuration("p2c2r.test.expect-no-message-default");
    public TimeSpan ShutdownTimeout { get; } = config.GetDuration("p2c2r.test.shutdown-timeout");

    public TimeSpan Dilated(TimeSpan duration) =>
        duration == Timeout.InfiniteTimeSpan ? duration : TimeSpan.FromTicks((long)(duration.Ticks * TimeFactor));
}
