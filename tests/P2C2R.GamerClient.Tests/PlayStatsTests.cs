using System.Text.Json;
using P2C2R.GamerClient.Play;
using P2C2R.GamerClient.Tests.Support;

namespace P2C2R.GamerClient.Tests;

/// <summary>What <c>play --json</c> reports of the frames' timing, from the times they were received.</summary>
public sealed class PlayStatsTests
{
    [Fact]
    public void The_longest_frame_gap_is_the_longest_wall_clock_time_between_two_frames_received()
    {
        var stats = new PlayStats();
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(0, Report(stats).GetProperty("longestFrameGapMs").GetDouble());

        foreach (var (tick, afterMs) in new[] { (0, 0), (1, 33), (2, 1533), (3, 1566) })
        {
            stats.Add(TestFrames.Key(tick, TestFrames.Rgb(tick)), start.AddMilliseconds(afterMs));
        }

        Assert.Equal(1500, Report(stats).GetProperty("longestFrameGapMs").GetDouble());
    }

    private static JsonElement Report(PlayStats stats) => JsonDocument.Parse(stats.ToJson(1)).RootElement;
}
