using P2C2R.GameSdk;

namespace P2C2R.EndToEnd.Tests.BallGame;

/// <summary>
/// The second game, written against the SDK alone to show another game plugs into the same
/// coordinator pipeline: a ball bouncing in a stone room, stepped by <c>physics.rigid</c>.
/// </summary>
internal sealed class BallGame : IGame
{
    public string Name => "ball";

    public IGameWorld Create(GameOptions options) => new BallWorld(options);

    public IGameWorld Restore(GameOptions options, ReadOnlySpan<byte> snapshot) => BallWorld.Restore(options, snapshot);
}
