namespace P2C2R.GameSdk;

/// <summary>The key bits of <c>session.input</c>: what a gamer holds during a tick.</summary>
public static class GameKeys
{
    public const int Forward = 1;
    public const int Left = 2;
    public const int Back = 4;
    public const int Right = 8;
    public const int Jump = 16;
    public const int Dig = 32;
    public const int Place = 64;
}
