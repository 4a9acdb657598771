namespace P2C2R.Games.Tests;

/// <summary>A seed and an input log are the whole session: replays and restored snapshots give the same frames bit for bit.</summary>
public sealed class ReplayTests
{
    private static readonly int[] Script = [GameKeys.Forward, GameKeys.Forward | GameKeys.Right, GameKeys.Dig, 0, GameKeys.Jump | GameKeys.Forward, GameKeys.Place, GameKeys.Left, GameKeys.Back];

    [Fact]
    public void Same_seed_and_keys_give_identical_frames_and_state()
    {
        var first = Record(VoxelGame.Instance.Create(Worlds.Options), 160);
        var second = Record(VoxelGame.Instance.Create(Worlds.Options), 160);
        Assert.Equal(first, second);
        Assert.True(first.Distinct().Count() > 12, "the frames should change as the player moves");
    }

    [Fact]
    public void A_different_seed_gives_a_different_world()
    {
        var a = Worlds.Loaded();
        var b = Worlds.Loaded(Worlds.Options with { Seed = 43 });
        Assert.NotEqual(a.Digest(), b.Digest());
    }

    [Fact]
    public void A_world_restored_from_a_snapshot_plays_on_identically()
    {
        var played = VoxelGame.Instance.Create(Worlds.Options);
        Record(played, 70);
        var restored = VoxelGame.Instance.Restore(Worlds.Options, played.Snapshot());
        Assert.Equal(played.Digest(), restored.Digest());
        Assert.Equal(Record(played, 90, from: 70), Record(restored, 90, from: 70));
        Assert.Equal(played.Digest(), restored.Digest());
    }

    /// <summary>Frame hashes of <paramref name="ticks"/> ticks played by the script, every 10th tick rendered.</summary>
    private static List<string> Record(IGameWorld world, int ticks, int from = 0)
    {
        var hashes = new List<string>();
        for (var tick = from; tick < from + ticks; tick++)
        {
            world.Advance(Script[tick / 6 % Script.Length], LocalResults.Instance);
            if (tick % 10 == 0)
            {
                hashes.Add(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(FrameRenderer.Render(world, Worlds.Options.Frame))));
            }
        }

        hashes.Add(world.Digest());
        return hashes;
    }
}
