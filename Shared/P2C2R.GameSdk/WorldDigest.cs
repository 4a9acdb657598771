using System.Security.Cryptography;

namespace P2C2R.GameSdk;

/// <summary>How worlds are compared across processes: equal digests mean equal worlds.</summary>
public static class WorldDigest
{
    /// <summary>SHA-256 of the world's snapshot, lower-case hex.</summary>
    public static string Digest(this IGameWorld world) => Convert.ToHexStringLower(SHA256.HashData(world.Snapshot()));
}
