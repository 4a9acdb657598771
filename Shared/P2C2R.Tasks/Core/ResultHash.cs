using System.Security.Cryptography;

namespace P2C2R.Tasks;

/// <summary>
/// The canonical hash of a result: SHA-256 of its bytes, in lowercase hex. Outputs are canonical
/// MessagePack, so equal results have equal hashes and replicas compare in one string equality.
/// </summary>
public static class ResultHash
{
    public static string Of(ReadOnlySpan<byte> output) => Convert.ToHexStringLower(SHA256.HashData(output));
}
