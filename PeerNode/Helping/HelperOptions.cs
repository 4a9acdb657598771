using P2C2R.Protocol.Contracts;

namespace P2C2R.PeerNode.Helping;

/// <summary>
/// What a <see cref="HelperActor"/> offers and the bounds it keeps. Every task it holds costs
/// memory for its input, so besides the <see cref="HelperCapabilities.Concurrency"/> running at
/// once it holds at most <see cref="QueueLimit"/> more and hands back the rest; inputs above
/// <see cref="MaxInputBytes"/> are refused before they take a slot.
/// </summary>
public sealed record HelperOptions(HelperCapabilities Capabilities)
{
    /// <summary>Tasks held beyond the running ones: queued for a slot or waiting for their input blob.</summary>
    public int QueueLimit { get; init; } = 64;

    /// <summary>Bytes of content-addressed inputs kept for later tasks.</summary>
    public long BlobCacheBytes { get; init; } = DefaultBlobCacheBytes;

    /// <summary>The blob cache of a helper that does not choose one.</summary>
    public const long DefaultBlobCacheBytes = 256L << 20;

    /// <summary>Largest task input accepted, inline or as a blob.</summary>
    public int MaxInputBytes { get; init; } = 16 << 20;

    /// <summary>How often the helper reports its load to the coordinator and its status to the panel.</summary>
    public TimeSpan LoadInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the helper writes its counters to the log.</summary>
    public TimeSpan LogInterval { get; init; } = TimeSpan.FromSeconds(5);
}
