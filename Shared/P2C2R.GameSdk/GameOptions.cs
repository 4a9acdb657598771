namespace P2C2R.GameSdk;

/// <summary>
/// Everything a world starts from besides the keys: a session's seed, its tick rate and the frame
/// it renders. An input log carries these, so a replay builds the same world.
/// </summary>
public sealed record GameOptions(ulong Seed, int TicksPerSecond, FrameFormat Frame)
{
    /// <summary>A session's seed, from its id (FNV-1a, 64 bits): stable across processes and machines.</summary>
    public static ulong SeedOf(string sessionId)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in sessionId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
