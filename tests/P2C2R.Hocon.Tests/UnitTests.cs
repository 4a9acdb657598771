using P2C2R.Hocon;

namespace P2C2R.Hocon.Tests;

/// <summary>Duration and size units as listed by the specification.</summary>
public sealed class UnitTests
{
    [Theory]
    [InlineData("250", 250 * TimeSpan.TicksPerMillisecond)]
    [InlineData("250ms", 250 * TimeSpan.TicksPerMillisecond)]
    [InlineData("10 milliseconds", 10 * TimeSpan.TicksPerMillisecond)]
    [InlineData("1500us", 15_000)]
    [InlineData("2000ns", 20)]
    [InlineData("10s", 10 * TimeSpan.TicksPerSecond)]
    [InlineData("1.5 seconds", 15 * TimeSpan.TicksPerSecond / 10)]
    [InlineData("2m", 2 * TimeSpan.TicksPerMinute)]
    [InlineData("3 minutes", 3 * TimeSpan.TicksPerMinute)]
    [InlineData("1h", TimeSpan.TicksPerHour)]
    [InlineData("2 days", 2 * TimeSpan.TicksPerDay)]
    public void Durations(string text, long ticks) =>
        Assert.Equal(TimeSpan.FromTicks(ticks), Config.Parse($"d = {text}").GetDuration("d"));

    [Fact]
    public void Infinite_duration() =>
        Assert.Equal(Timeout.InfiniteTimeSpan, Config.Parse("d = infinite").GetDuration("d"));

    [Theory]
    [InlineData("512", 512)]
    [InlineData("10B", 10)]
    [InlineData("64k", 65_536)]
    [InlineData("64KiB", 65_536)]
    [InlineData("64kB", 64_000)]
    [InlineData("1M", 1_048_576)]
    [InlineData("1 MiB", 1_048_576)]
    [InlineData("1MB", 1_000_000)]
    [InlineData("2 megabytes", 2_000_000)]
    [InlineData("1G", 1L << 30)]
    [InlineData("1GB", 1_000_000_000)]
    [InlineData("1TiB", 1L << 40)]
    public void Sizes(string text, long bytes) =>
        Assert.Equal(bytes, Config.Parse($"s = {text}").GetByteSize("s"));

    [Fact]
    public void Unknown_unit_is_reported_with_the_path()
    {
        var error = Assert.Throws<ConfigException>(() => Config.Parse("d = 5 fortnights", "x.conf").GetDuration("d"));
        Assert.Contains("d (x.conf:1:5): expected a duration", error.Message);
    }
}
