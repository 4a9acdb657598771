using P2C2R.Tasks.World;

namespace P2C2R.Games.Tests;

/// <summary>The game's rules, played with every task computed locally.</summary>
public sealed class RulesTests
{
    [Fact]
    public void Digging_and_placing_change_the_rendered_frame()
    {
        var world = Worlds.Loaded();
        Worlds.Play(world, 0, 10);
        var before = FrameRenderer.Render(world, Worlds.Options.Frame);
        var blocks = CountBlocks(world);

        Worlds.Play(world, GameKeys.Dig, 1);
        Worlds.Play(world, 0, 40);
        Assert.Equal(0, world.Pieces);
        Assert.Equal(blocks - 1, CountBlocks(world));
        var dug = FrameRenderer.Render(world, Worlds.Options.Frame);
        Assert.False(before.AsSpan().SequenceEqual(dug), "digging should change the frame");

        Worlds.Play(world, 0, 90);
        var settled = FrameRenderer.Render(world, Worlds.Options.Frame);
        Worlds.Play(world, GameKeys.Place, 1);
        Worlds.Play(world, 0, 120);
        Assert.Equal(0, world.Pieces);
        Assert.Equal(blocks, CountBlocks(world));
        Assert.False(settled.AsSpan().SequenceEqual(FrameRenderer.Render(world, Worlds.Options.Frame)), "placing should change the frame");
    }

    [Fact]
    public void Walking_forward_moves_the_player()
    {
        var world = Worlds.Loaded();
        var start = world.PlayerCell;
        Worlds.Play(world, GameKeys.Forward, 30);
        Assert.NotEqual((start.X, start.Z), (world.PlayerCell.X, world.PlayerCell.Z));
    }

    [Fact]
    public void Jumping_leaves_the_ground_and_lands_again()
    {
        var world = Worlds.Loaded();
        var ground = world.PlayerCell.Y;
        Worlds.Play(world, GameKeys.Jump, 6);
        Assert.True(world.PlayerCell.Y > ground);
        Worlds.Play(world, 0, 60);
        Assert.Equal(ground, world.PlayerCell.Y);
    }

    [Fact]
    public void A_mob_reaches_the_player_around_a_wall()
    {
        var world = Worlds.Loaded();
        const int y0 = 20;
        for (var z = 0; z < VoxelWorld.SizeZ; z++)
        {
            for (var x = 0; x < VoxelWorld.SizeX; x++)
            {
                for (var y = 0; y < VoxelWorld.SizeY; y++)
                {
                    world.Edit(x, y, z, y < y0 ? Block.Stone : Block.Air);
                }
            }
        }

        for (var x = 5; x < VoxelWorld.SizeX; x++)
        {
            for (var y = y0; y < y0 + 3; y++)
            {
                world.Edit(x, y, 20, Block.Stone);
            }
        }

        world.Teleport(20, 30);
        world.MoveMob(0, 20, 10);
        world.MoveMob(1, 46, 46);
        var visited = new HashSet<(int, int)>();
        for (var tick = 0; tick < 30 * 30 && world.MobHits == 0; tick++)
        {
            world.Advance(0, LocalResults.Instance);
            visited.Add(world.MobCells[0]);
        }

        Assert.Equal(1, world.MobHits);
        Assert.Contains(visited, cell => cell.Item1 < 5);
        Assert.DoesNotContain(visited, cell => cell.Item2 == 20 && cell.Item1 >= 5);
    }

    [Fact]
    public void A_villager_greets_a_player_who_comes_close()
    {
        var world = Worlds.Loaded();
        world.Teleport(VoxelWorld.SizeX / 2 + 4, VoxelWorld.SizeZ / 2 + 1);
        Worlds.Play(world, 0, 20);
        Assert.StartsWith("Elder: ", world.Caption);
    }

    private static int CountBlocks(VoxelWorld world)
    {
        var count = 0;
        for (var z = 0; z < VoxelWorld.SizeZ; z++)
        {
            for (var y = 0; y < VoxelWorld.SizeY; y++)
            {
                for (var x = 0; x < VoxelWorld.SizeX; x++)
                {
                    count += world.BlockAt(x, y, z) is Block.Air or Block.Water ? 0 : 1;
                }
            }
        }

        return count;
    }
}
