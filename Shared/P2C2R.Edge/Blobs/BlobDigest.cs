using System.Security.Cryptography;

namespace P2C2R.Edge.Blobs;

/// <summary>
/// Names of content-addressed blobs (docs/PROTOCOL.md §7): the SHA-256 of the content, 32 bytes
/// on the wire, lowercase hex in logs. A blob whose content does not hash to its name is refused,
/// so a cache can never be poisoned.
/// </summary>
public static class BlobDigest
{
    /// <summary>Bytes of a digest.</summary>
    public const int Bytes = 32;

    /// <summary>The digest of <paramref name="content"/>.</summary>
    public static byte[] Of(ReadOnlySpan<byte> content) => SHA256.HashData(content);

    /// <summary>Lowercase hex of a digest (64 digits), for logs and file names.</summary>
    public static string ToHex(ReadOnlySpan<byte> digest) => Convert.ToHexStringLower(digest);

    /// <summary>Whether <paramref name="content"/> hashes to <paramref name="digest"/>.</summary>
    public static bool Matches(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> content)
    {
        if (digest.Length != Bytes)
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[Bytes];
        SHA256.HashData(content, actual);
        return actual.SequenceEqual(digest);
    }
}
