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
/// Input of <c>render.upscale</c>: <c>[sourceWidth, sourceHeight, source: bin (RGB), targetWidth,
/// targetHeight, quality: 0..3, rowStart, rowCount]</c>. The output is rows
/// <c>[rowStart, rowStart + rowCount)</c> of the target, so one frame splits into bands.
/// </summary>
public sealed record UpscaleInput(
    int SourceWidth, int SourceHeight, byte[] Source, int TargetWidth, int TargetHeight,
    UpscaleQuality Quality, int RowStart, int RowCount) : ITaskPayload<UpscaleInput>
{
    public static UpscaleInput Read(ref MessagePackReader reader)
    {
        Payload.ReadFields(ref reader, 8, nameof(UpscaleInput));
        var sourceWidth = reader.ReadInt32();
        var sourceHeight = reader.ReadInt32();
        var source = Payload.ReadBytes(ref reader, "source", maxLength: UpscaleExecutor.MaxPixels * 3);
        return new UpscaleInput(sourceWidth, sourceHeight, source, reader.ReadInt32(), reader.ReadInt32(),
            (UpscaleQuality)reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
    }

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(8);
        writer.Write(SourceWidth);
        writer.Write(SourceHeight);
        writer.Write(Source);
        writer.Write(TargetWidth);
        writer.Write(TargetHeight);
        writer.Write((int)Quality);
        writer.Write(RowStart);
        writer.Write(RowCount);
    }
}
