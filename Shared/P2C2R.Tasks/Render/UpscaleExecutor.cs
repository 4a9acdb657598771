namespace P2C2R.Tasks.Render;

/// <summary>
/// <c>render.upscale</c>: brings a ray-traced frame to display resolution, so helpers trace
/// fewer pixels. Every target pixel depends only on its filter support, so the verifier
/// recomputes a random sample of pixels.
/// </summary>
public sealed class UpscaleExecutor : TaskExecutor<UpscaleInput, ImageOutput>
{
    public const int MaxPixels = 4096 * 4096;
    public const int MaxTargetPixels = 4096 * 2304;

    public override TaskType Type { get; } = new("render.upscale", 1, MaxPixels * 3 + 64, MaxTargetPixels * 3 + 16);

    public override long Cost(UpscaleInput input)
    {
        var taps = input.Quality switch { UpscaleQuality.Nearest => 1, UpscaleQuality.Bilinear => 2, UpscaleQuality.Bicubic => 4, _ => 6 };
        return 1 + (long)input.TargetWidth * input.RowCount * taps * 2 / 256;
    }

    protected override void Validate(UpscaleInput input) => ValidateInput(input);

    protected override ImageOutput Compute(UpscaleInput input) => new(new Resampler(input).Rows(input.RowStart, input.RowCount));

    public override Verdict Verify(UpscaleInput input, ImageOutput claimed, VerificationOptions options)
    {
        var resampler = new Resampler(input);
        return ImageCheck.Sampled(claimed.Rgb, 0, input.RowStart, input.TargetWidth, input.RowCount, options, resampler.Pixel);
    }

    /// <summary>The checks of an upscale input, shared with <c>render.finish</c>, which carries two.</summary>
    internal static void ValidateInput(UpscaleInput input)
    {
        TaskInputException.InRange(input.SourceWidth, 1, 4096, "sourceWidth");
        TaskInputException.InRange(input.SourceHeight, 1, 4096, "sourceHeight");
        TaskInputException.Require(input.Source.Length == input.SourceWidth * input.SourceHeight * 3,
            $"source has {input.Source.Length} bytes; sourceWidth·sourceHeight·3 is {input.SourceWidth * input.SourceHeight * 3}");
        input.ValidateStrips();
        TaskInputException.InRange(input.TargetWidth, 1, 4096, "targetWidth");
        TaskInputException.InRange(input.TargetHeight, 1, 4096, "targetHeight");
        TaskInputException.Require((long)input.TargetWidth * input.TargetHeight <= MaxTargetPixels, $"the target has at most {MaxTargetPixels} pixels");
        TaskInputException.Require(Enum.IsDefined(input.Quality), $"quality is {(int)input.Quality}; it must be 0 (nearest), 1 (bilinear), 2 (bicubic) or 3 (Lanczos)");
        TaskInputException.InRange(input.RowStart, 0, input.TargetHeight - 1, "rowStart");
        TaskInputException.InRange(input.RowCount, 1, input.TargetHeight - input.RowStart, "rowCount");
    }
}
