namespace P2C2R.Coordinator.Scheduling.Locality;

/// <summary>
/// One large part of a task input or output as the coordinator knows it: its content (a slice of
/// the array it came in, never copied), a fast content key for finding it again, and its SHA-256
/// name, computed only once a helper must be told of it.
/// </summary>
internal sealed class StoredBlob(UInt128 key, ReadOnlyMemory<byte> content)
{
    public UInt128 Key { get; } = key;

    public ReadOnlyMemory<byte> Content { get; } = content;

    public int Length => Content.Length;

    /// <summary>The SHA-256 digest once computed (<see cref="BlobStore.DigestOf"/>), else null.</summary>
    public byte[]? Digest { get; set; }
}

/// <summary>Where a blob sits in a task input: the bytes <c>[Offset, Offset + Blob.Length)</c>.</summary>
internal readonly record struct BlobSegment(int Offset, StoredBlob Blob);
