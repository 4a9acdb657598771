namespace P2C2R.Games.Tests;

/// <summary>Voxel worlds played here with every task computed locally, as a replay plays them.</summary>
internal static class Worlds
{
    public static readonly GameOptions Options = new(42, 30, FrameFormat.Default);

    public static VoxelWorld Loaded(GameOptions? options = null)
    {
        var world = (VoxelWorld)VoxelGame.Instance.Create(options ?? Options);
        while (!world.Loaded)
        {
            world.Advance(0, LocalResults.Instance);
        }

        return world;
    }

    public static void Play(IGameWorld world, int keys, int ticks)
    {
        for (var i = 0; i < ticks; i++)
        {
            world.Advance(keys, LocalResults.Instance);
        }
    }
}
