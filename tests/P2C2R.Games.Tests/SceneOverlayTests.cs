using System.Security.Cryptography;
using P2C2R.Tasks;
using P2C2R.Tasks.Render;

namespace P2C2R.Games.Tests;

/// <summary>
/// The ray-trace bands carry the world's own blocks plus an overlay of painted creatures, pieces
/// and banner: the traced frames must be exactly those of the scene painted into the blocks, and
/// the big blocks field must stay byte-identical while nothing is edited.
/// </summary>
public sealed class SceneOverlayTests
{
    private static readonly int[] Script = [GameKeys.Forward, GameKeys.Forward | GameKeys.Right, GameKeys.Dig, 0, GameKeys.Jump | GameKeys.Forward, GameKeys.Place, GameKeys.Left, GameKeys.Back];

    /// <summary>Digest of every band traced on every 8th of 240 scripted ticks, pinned from the frames of the painted scene.</summary>
    private const string PaintedSceneDigest = "c448355bf80c38f2c8d7d4556f32f0190c18472c2babddad42897a6e963e422c";

    [Fact]
    public void Traced_bands_match_those_of_the_painted_scene()
    {
        var world = (VoxelWorld)VoxelGame.Instance.Create(Worlds.Options);
        var painted = 0;
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var tick = 0; tick < 240; tick++)
        {
            world.Advance(Script[tick / 6 % Script.Length], LocalResults.Instance);
            if (tick % 8 == 0)
            {
                painted = Math.Max(painted, world.DescribeFrame(0).Overlay!.Length / SceneOverlay.CellBytes);
                for (var band = 0; band < Worlds.Options.Frame.Bands; band++)
                {
                    digest.AppendData(TaskExecutors.Raytrace.Run(world.DescribeFrame(band)).Rgb);
                }
            }
        }

        Assert.Equal(PaintedSceneDigest, Convert.ToHexStringLower(digest.GetHashAndReset()));
        Assert.True(painted >= 6, $"the overlay should hold the mobs and the villager at least; it held {painted} cells");
    }

    [Fact]
    public void Ticks_without_edits_send_byte_identical_blocks()
    {
        var world = Worlds.Loaded();
        Worlds.Play(world, GameKeys.Forward, 20);
        var before = BlocksBin(world.DescribeFrame(1));
        var overlayBefore = world.DescribeFrame(1).Overlay!.ToArray();
        Worlds.Play(world, GameKeys.Forward, 1);
        Assert.Equal(before, BlocksBin(world.DescribeFrame(1)));
        Worlds.Play(world, GameKeys.Left, 30);
        Assert.Equal(before, BlocksBin(world.DescribeFrame(1)));
        Assert.True(before.Length >= 1024, $"the blocks bin has {before.Length} bytes; it should be big enough to travel as a blob");
        Assert.NotEmpty(overlayBefore);
    }

    /// <summary>An edit travels in the overlay and the blocks bin stays the helper's blob; many edits make a fresh base.</summary>
    [Fact]
    public void An_edit_rides_in_the_overlay_until_edits_are_many_and_the_base_is_taken_afresh()
    {
        var world = Worlds.Loaded();
        var first = world.DescribeFrame(0);
        var before = BlocksBin(first);
        var painted = first.Overlay!.Length;
        var (x, y, z) = world.PlayerCell;

        world.Edit(x, y + 3, z, Tasks.World.Block.Glass);
        var edited = world.DescribeFrame(0);

        Assert.Equal(before, BlocksBin(edited));
        Assert.Equal(painted + SceneOverlay.CellBytes, edited.Overlay!.Length);

        for (var cell = 0; cell < SceneOverlay.MaxCells; cell++)
        {
            world.Edit(cell % VoxelWorld.SizeX, 1 + cell / (VoxelWorld.SizeX * VoxelWorld.SizeZ), cell / VoxelWorld.SizeX % VoxelWorld.SizeZ, Tasks.World.Block.Glass);
        }

        var rebased = world.DescribeFrame(0);
        Assert.NotEqual(before, BlocksBin(rebased));
        Assert.True(rebased.Overlay!.Length <= painted + SceneOverlay.CellBytes, $"{rebased.Overlay.Length} overlay bytes after the base was taken afresh");
    }

    /// <summary>The encoded <c>blocks</c> field (the 4th) of a band's input, header included.</summary>
    private static byte[] BlocksBin(RaytraceInput input)
    {
        var encoded = Payload.Encode(input);
        var reader = new MessagePack.MessagePackReader(encoded);
        reader.ReadArrayHeader();
        reader.Skip();
        reader.Skip();
        reader.Skip();
        var start = (int)reader.Consumed;
        reader.Skip();
        return encoded[start..(int)reader.Consumed];
    }
}
