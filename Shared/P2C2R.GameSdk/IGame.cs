namespace P2C2R.GameSdk;

/// <summary>
/// A game the coordinator can host. The coordinator knows nothing of any game's rules: it asks
/// a game for a world, feeds that world the gamer's keys one tick at a time, runs the tasks the
/// world plans (on helpers, validated, or locally), and renders the frame the world describes.
/// Plugging in another game means implementing this and <see cref="IGameWorld"/>, nothing else.
/// </summary>
public interface IGame
{
    /// <summary>The name configuration and input logs refer to the game by.</summary>
    string Name { get; }

    /// <summary>A new world: everything in it must follow from <paramref name="options"/>.</summary>
    IGameWorld Create(GameOptions options);

    /// <summary>The world <see cref="IGameWorld.Snapshot"/> saved, under the same options.</summary>
    IGameWorld Restore(GameOptions options, ReadOnlySpan<byte> snapshot);
}
