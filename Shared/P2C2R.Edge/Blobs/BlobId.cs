using System.Buffers.Binary;

namespace P2C2R.Edge.Blobs;

/// <summary>A 32-byte digest as a value, so a cache looks blobs up without allocating a key.</summary>
public readonly record struct BlobId(ulong A, ulong B, ulong C, ulong D)
{
    public static bool TryCreate(ReadOnlySpan<byte> digest, out BlobId id)
    {
        if (digest.Length != BlobDigest.Bytes)
        {
            id = default;
            return false;
        }

        id = new BlobId(
            BinaryPrimitives.ReadUInt64LittleEndian(digest),
            BinaryPrimitives.ReadUInt64LittleEndian(digest[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(digest[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(digest[24..]));
        return true;
    }
}
