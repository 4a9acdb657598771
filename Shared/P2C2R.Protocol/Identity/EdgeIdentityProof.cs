using System.Security.Cryptography;
using System.Text;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Protocol.Identity;

/// <summary>
/// What a client signs in its <see cref="Hello"/>: a fixed context string, the role it claims,
/// the coordinator's nonce and its own public key. Binding the role and key into the signature
/// means a proof for one role, connection or key is worthless for any other.
/// </summary>
public static class EdgeIdentityProof
{
    /// <summary>The edge protocol version this build speaks.</summary>
    public const int ProtocolVersion = 2;

    /// <summary>Bytes of a coordinator's nonce.</summary>
    public const int NonceBytes = 32;

    private static readonly byte[] Context = Encoding.ASCII.GetBytes("p2c2r-edge-v2\0");

    /// <summary><c>"p2c2r-edge-v2\0" ‖ role (1 byte) ‖ nonce ‖ public key</c>.</summary>
    public static byte[] Build(EdgeRole role, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> publicKey)
    {
        var bytes = new byte[Context.Length + 1 + nonce.Length + publicKey.Length];
        Context.CopyTo(bytes, 0);
        bytes[Context.Length] = (byte)role;
        nonce.CopyTo(bytes.AsSpan(Context.Length + 1));
        publicKey.CopyTo(bytes.AsSpan(Context.Length + 1 + nonce.Length));
        return bytes;
    }

    /// <summary>Signs the proof with <paramref name="key"/> (ECDSA P-256, SHA-256, IEEE P1363: 64 bytes).</summary>
    public static byte[] Sign(ECDsa key, EdgeRole role, ReadOnlySpan<byte> nonce)
    {
        var publicKey = key.ExportSubjectPublicKeyInfo();
        return key.SignData(Build(role, nonce, publicKey), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>
    /// Checks a <see cref="Hello"/> against the nonce this connection was sent; on success gives
    /// the account id its key proves. Any malformed key or signature is simply a failed proof.
    /// </summary>
    public static bool TryVerify(Hello hello, ReadOnlySpan<byte> nonce, out string account)
    {
        account = "";
        if (hello.PublicKey is not { Length: > 0 and <= 512 } || hello.Signature is not { Length: 64 })
        {
            return false;
        }

        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(hello.PublicKey, out var read);
            if (read != hello.PublicKey.Length || key.KeySize != 256)
            {
                return false;
            }

            if (!key.VerifyData(Build(hello.Role, nonce, hello.PublicKey), hello.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            {
                return false;
            }
        }
        catch (CryptographicException)
        {
            return false;
        }

        account = AccountOf(hello.PublicKey);
        return true;
    }

    /// <summary>An account id: the first 16 bytes of SHA-256 of the public key (DER), as 32 lowercase hex digits.</summary>
    public static string AccountOf(ReadOnlySpan<byte> publicKey)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(publicKey, hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
