using P2C2R.Tasks.Render;

namespace P2C2R.GameSdk;

/// <summary>
/// The shape of a frame's pipeline: ray-traced at a low resolution in <see cref="Bands"/>
/// horizontal bands (one task each), then upscaled to the display resolution.
/// </summary>
public sealed record FrameFormat(int TraceWidth, int TraceHeight, int FrameWidth, int FrameHeight, int Bands)
{
    public static FrameFormat Default { get; } = new(128, 72, 256, 144, 4);

    /// <summary>Rows of band <paramref name="band"/>: the last band takes the remainder.</summary>
    public (int Top, int Rows) Band(int band)
    {
        var rows = TraceHeight / Bands;
        return (band * rows, band == Bands - 1 ? TraceHeight - band * rows : rows);
    }

    /// <summary>The traced frame: the bands' pixels joined in order.</summary>
    public byte[] Join(IReadOnlyList<byte[]> bands)
    {
        var traced = new byte[TraceWidth * TraceHeight * 3];
        var offset = 0;
        foreach (var band in bands)
        {
            band.CopyTo(traced, offset);
            offset += band.Length;
        }

        return traced;
    }

    /// <summary>
    /// The upscale task of a frame traced as <paramref name="bands"/> (each band's RGB, in order). Its
    /// source travels as one strip per band, each encoded exactly as that band's
    /// <c>render.raytrace</c> output, so a helper that already holds a band output is not sent it again.
    /// </summary>
    public UpscaleInput Upscale(IReadOnlyList<byte[]> bands)
    {
        var strips = new int[bands.Count];
        for (var band = 0; band < strips.Length; band++)
        {
            strips[band] = bands[band].Length;
        }

        return new(TraceWidth, TraceHeight, Join(bands), FrameWidth, FrameHeight, UpscaleQuality.Bilinear, 0, FrameHeight, strips);
    }

    public void Validate()
    {
        if (TraceWidth < 1 || TraceHeight < 1 || FrameWidth < TraceWidth || FrameHeight < TraceHeight || Bands < 1 || Bands > Math.Min(TraceHeight, UpscaleInput.MaxStrips))
        {
            throw new ArgumentException($"frame format {this} is not usable: sizes must be positive, the display at least the trace size, 1 ≤ bands ≤ trace height and ≤ {UpscaleInput.MaxStrips} (a band is a strip of the upscale source)");
        }
    }
}
