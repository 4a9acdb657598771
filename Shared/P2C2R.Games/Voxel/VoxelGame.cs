using P2C2R.GameSdk;

namespace P2C2R.Games.Voxel;

/// <summary>The voxel game as the coordinator sees it: a factory of <see cref="VoxelWorld"/>s.</summary>
public sealed class VoxelGame : IGame
{
    public static VoxelGame Instance { get; } = new();

    public string Name => "voxel";

    public IGameWorld Create(GameOptions options) => new VoxelWorld(options);

    public IGameWorld Restore(GameOptions options, ReadOnlySpan<byte> snapshot) => VoxelWorld.Restore(options, snapshot);
}
