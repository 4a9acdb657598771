using System.Buffers;
using MessagePack;

namespace P2C2R.Tasks.Render;

/// <summary>The resampling filters of <c>render.upscale</c>, by rising quality and cost.</summary>
public enum UpscaleQuality
{
    Nearest = 0,
    Bilinear = 1,
    Bicubic = 2,
    Lanczos = 3,
}

/// <summary>
/// Input of <c>render.upscale</c>: <c>[sourceWidth, sourceHeight, source: bin (RGB) | [strip: bin, …],
/// targetWidth, targetHeight, quality: 0..3, rowStart, rowCount]</c>. The output is rows
/// <c>[rowStart, rowStart + rowCount)</c> of the target, so one frame splits into bands. The source
/// is one bin, or an array of 1..<see cref="MaxStrips"/> non-empty bins whose concatenation is the
/// image: a frame's traced bands as they came back, each encoded exactly as the <c>rgb</c> bin of
/// its <c>render.raytrace</c> output, so a coordinator can refer to outputs a helper already holds.
/// <see cref="Source"/> is always the whole image; <see cref="Strips"/>, when set, holds the
/// strips' lengths and selects the array form.
/// </summary>
public sealed record UpscaleInput(
    int SourceWidth, int SourceHeight, byte[] Source, int TargetWidth, int TargetHeight,
    UpscaleQuality Quality, int RowStart, int RowCount, int[]? Strips = null) : ITaskPayload<UpscaleInput>
{
    public const int MaxStrips = 64;

    public static UpscaleInput Read(ref MessagePackReader reader)
    {
        Payload.ReadFields(ref reader, 8, nameof(UpscaleInput));
        var sourceWidth = reader.ReadInt32();
        var sourceHeight = reader.ReadInt32();
        int[]? strips = null;
        byte[] source;
        if (reader.NextMessagePackType == MessagePackType.Array)
        {
            source = ReadStrips(ref reader, out strips);
        }
        else
        {
            source = Payload.ReadBytes(ref reader, "source", maxLength: UpscaleExecutor.MaxPixels * 3);
        }

        return new UpscaleInput(sourceWidth, sourceHeight, source, reader.ReadInt32(), reader.ReadInt32(),
            (UpscaleQuality)reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), strips);
    }

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(8);
        writer.Write(SourceWidth);
        writer.Write(SourceHeight);
        if (Strips is null)
        {
            writer.Write(Source);
        }
        else
        {
            writer.WriteArrayHeader(Strips.Length);
            var offset = 0;
            foreach (var length in Strips)
            {
                writer.Write(Source.AsSpan(offset, length));
                offset += length;
            }
        }

        writer.Write(TargetWidth);
        writer.Write(TargetHeight);
        writer.Write((int)Quality);
        writer.Write(RowStart);
        writer.Write(RowCount);
    }

    /// <summary>Checks the strips against the source: 1..64 of them, none empty, together exactly the source.</summary>
    public void ValidateStrips()
    {
        if (Strips is null)
        {
            return;
        }

        TaskInputException.InRange(Strips.Length, 1, MaxStrips, "source strip count");
        var total = 0L;
        for (var i = 0; i < Strips.Length; i++)
        {
            TaskInputException.Require(Strips[i] > 0, $"source strip {i} is empty");
            total += Strips[i];
        }

        TaskInputException.Require(total == Source.Length, $"source strips hold {total} bytes; the source has {Source.Length}");
    }

    /// <summary>Two passes over the strips: lengths first (limits checked before anything is allocated), then one copy into the joined image.</summary>
    private static byte[] ReadStrips(ref MessagePackReader reader, out int[] strips)
    {
        var count = reader.ReadArrayHeader();
        TaskInputException.InRange(count, 1, MaxStrips, "source strip count");
        strips = new int[count];
        var measure = reader.CreatePeekReader();
        var total = 0L;
        for (var i = 0; i < count; i++)
        {
            var length = measure.ReadBinary().Length;
            TaskInputException.Require(length > 0, $"source strip {i} is empty");
            total += length;
            TaskInputException.Require(total <= UpscaleExecutor.MaxPixels * 3, $"source strips hold over {UpscaleExecutor.MaxPixels * 3} bytes");
            strips[i] = (int)length;
        }

        var source = DecodeArena.Rent((int)total);
        var offset = 0;
        for (var i = 0; i < count; i++)
        {
            var strip = reader.ReadBinary();
            strip.CopyTo(source.AsSpan(offset));
            offset += (int)strip.Length;
        }

        return source;
    }
}
