using System.IO.Compression;

namespace P2C2R.Tasks.Codec;

/// <summary>
/// <c>codec.deflate</c>: the last stage of a frame. Consecutive frames of a game differ little,
/// so the byte-wise delta is mostly zeros and compresses far better than the frame itself.
/// Verification inflates with the platform's decoder and compares, which also proves that a
/// standard client can decode what a helper produced.
/// </summary>
public sealed class DeltaDeflateExecutor : TaskExecutor<DeltaDeflateInput, DeltaDeflateOutput>
{
    public const int MaxFrameBytes = 4 * 1024 * 1024;

    public override TaskType Type { get; } = new("codec.deflate", 1, 2 * MaxFrameBytes + 64, MaxFrameBytes + MaxFrameBytes / 8 + 4096);

    public override long Cost(DeltaDeflateInput input) => CostOf(input.Current.Length, input.Level);

    /// <summary>The cost of coding a frame of <paramref name="frameBytes"/> at <paramref name="level"/>, shared with <c>render.finish</c>.</summary>
    internal static long CostOf(long frameBytes, int level) => 1 + frameBytes * (2 + level) / 64;

    protected override void Validate(DeltaDeflateInput input)
    {
        TaskInputException.Require(input.Current.Length <= MaxFrameBytes, $"current frame has {input.Current.Length} bytes; at most {MaxFrameBytes}");
        TaskInputException.Require(input.Previous.Length == 0 || input.Previous.Length == input.Current.Length,
            $"previous frame has {input.Previous.Length} bytes; it must be empty (key frame) or as long as the current frame ({input.Current.Length})");
        TaskInputException.InRange(input.Level, 1, 9, "level");
    }

    protected override DeltaDeflateOutput Compute(DeltaDeflateInput input)
    {
        var keyFrame = input.Previous.Length == 0;
        byte[] raw;
        if (keyFrame)
        {
            raw = input.Current;
        }
        else
        {
            raw = new byte[input.Current.Length];
            Delta(input.Current, input.Previous, raw);
        }

        var compressed = DeflateEncoder.ForCurrentThread().Compress(raw, ChainDepth(input.Level));
        return new DeltaDeflateOutput(keyFrame, raw.Length, compressed);
    }

    public override Verdict Verify(DeltaDeflateInput input, DeltaDeflateOutput claimed, VerificationOptions options)
    {
        var keyFrame = input.Previous.Length == 0;
        if (claimed.KeyFrame != keyFrame || claimed.RawLength != input.Current.Length)
        {
            return Verdict.Reject($"header claims keyFrame={claimed.KeyFrame}, length {claimed.RawLength}; expected keyFrame={keyFrame}, length {input.Current.Length}");
        }

        var decoded = new byte[input.Current.Length + 1];
        int read;
        try
        {
            using var inflater = new DeflateStream(new MemoryStream(claimed.Deflate), CompressionMode.Decompress);
            read = inflater.ReadAtLeast(decoded, decoded.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException error)
        {
            return Verdict.Reject("the DEFLATE stream is corrupt: " + error.Message);
        }

        if (read != input.Current.Length)
        {
            return Verdict.Reject($"the stream inflates to {(read > input.Current.Length ? "more than " + input.Current.Length : read)} bytes; expected {input.Current.Length}");
        }

        if (!keyFrame)
        {
            Undelta(decoded.AsSpan(0, read), input.Previous);
        }

        var mismatch = decoded.AsSpan(0, read).CommonPrefixLength(input.Current);
        return mismatch == read ? Verdict.Accept : Verdict.Reject($"inflated byte {mismatch} differs from the frame");
    }

    /// <summary>Search depth per level: 1 → 4 candidates, 9 → 1024.</summary>
    private static int ChainDepth(int level) => 4 << (level - 1);

    internal static void Delta(ReadOnlySpan<byte> current, ReadOnlySpan<byte> previous, Span<byte> delta)
    {
        for (var i = 0; i < current.Length; i++)
        {
            delta[i] = (byte)(current[i] - previous[i]);
        }
    }

    internal static void Undelta(Span<byte> delta, ReadOnlySpan<byte> previous)
    {
        for (var i = 0; i < delta.Length; i++)
        {
            delta[i] = (byte)(delta[i] + previous[i]);
        }
    }
}
