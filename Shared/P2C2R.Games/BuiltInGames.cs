using P2C2R.GameSdk;
using P2C2R.Games.Voxel;

namespace P2C2R.Games;

/// <summary>The games compiled into the coordinator and the gamer client (for replays), by name.</summary>
public static class BuiltInGames
{
    public static IReadOnlyList<IGame> All { get; } = [VoxelGame.Instance];

    public static IGame Find(string name) =>
        All.FirstOrDefault(g => g.Name == name)
        ?? throw new ArgumentException($"unknown game '{name}'; built in: {string.Join(", ", All.Select(g => g.Name))}", nameof(name));
}
