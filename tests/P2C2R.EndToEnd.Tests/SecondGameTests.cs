using System.Security.Cryptography;
using P2C2R.EndToEnd.Tests.Cluster;
using P2C2R.GamerClient.Play;

namespace P2C2R.EndToEnd.Tests;

/// <summary>The SDK's promise: a game the coordinator has never heard of runs through the same helpers, validation and stream.</summary>
[Collection(nameof(Simulations))]
public sealed class SecondGameTests
{
    [Fact]
    public async Task A_second_game_runs_through_the_same_pipeline_with_helpers_and_exact_frames()
    {
        await using var cluster = await SimulatedCluster.StartAsync(game: new BallGame.BallGame());
        cluster.AddHelper("helper-1");
        cluster.AddHelper("helper-2");
        await cluster.Coordinator.WaitForHelpersAsync(2, TimeSpan.FromSeconds(10));
        var gamer = await cluster.StartSessionAsync(30);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var report = await EdgeParticipants.EndSessionAsync(gamer);

        var final = report.Final!;
        Assert.True(report.Updates.Length >= 30, $"{report.Updates.Length} frames; {final}");
        Assert.True(final.HelperComputed > 0, $"{final}");
        Assert.Equal(0, final.ValidationRejects);
        ReferenceFrames.AssertExact(report, cluster.Settings, 30);
        var decoder = new FrameDecoder();
        var distinct = report.Updates.Where(decoder.Decode).Select(_ => Convert.ToHexString(SHA256.HashData(decoder.Current))).Distinct().Count();
        Assert.True(distinct >= 5, $"the ball should move: only {distinct} distinct frames");
    }
}
