using P2C2R.Tasks.Codec;

namespace P2C2R.Tasks.Render;

/// <summary>
/// <c>render.finish</c>: the end of a frame's chain in one task. It upscales the traced frame and
/// the one before it and returns the DEFLATE stream of their delta, exactly what
/// <c>render.upscale</c> followed by <c>codec.deflate</c> would, so the upscaled frame (the bulk
/// of a frame's bytes) never travels back to the coordinator: a helper returns a few kilobytes per
/// frame instead of the display-sized image.
/// </summary>
public sealed class FinishExecutor : TaskExecutor<FinishInput, DeltaDeflateOutput>
{
    public override TaskType Type { get; } = new("render.finish", 1, 2 * TaskExecutors.Upscale.Type.MaxInputBytes + 16, TaskExecutors.Deflate.Type.MaxOutputBytes);

    public override long Cost(FinishInput input)
    {
        var upscale = TaskExecutors.Upscale.Cost(input.Current);
        var frameBytes = (long)input.Current.TargetWidth * input.Current.TargetHeight * 3;
        return (input.Previous is null ? upscale : 2 * upscale) + DeltaDeflateExecutor.CostOf(frameBytes, input.Level);
    }

    protected override void Validate(FinishInput input)
    {
        var current = input.Current;
        UpscaleExecutor.ValidateInput(current);
        TaskInputException.Require(current.RowStart == 0 && current.RowCount == current.TargetHeight, "the current frame must be upscaled whole (rowStart 0, rowCount targetHeight)");
        TaskInputException.Require((long)current.TargetWidth * current.TargetHeight * 3 <= DeltaDeflateExecutor.MaxFrameBytes, $"the frame has at most {DeltaDeflateExecutor.MaxFrameBytes} bytes");
        if (input.Previous is { } previous)
        {
            UpscaleExecutor.ValidateInput(previous);
            TaskInputException.Require(
                (previous.SourceWidth, previous.SourceHeight, previous.TargetWidth, previous.TargetHeight, previous.Quality, previous.RowStart, previous.RowCount)
                == (current.SourceWidth, current.SourceHeight, current.TargetWidth, current.TargetHeight, current.Quality, current.RowStart, current.RowCount),
                "the previous frame must have the current frame's shape");
        }

        TaskInputException.InRange(input.Level, 1, 9, "level");
    }

    /// <summary>
    /// The whole frame is checked, as <c>codec.deflate</c>'s verifier checks it, not a sample of
    /// pixels: a wrong delta stays in the gamer's picture until the next key frame.
    /// </summary>
    public override Verdict Verify(FinishInput input, DeltaDeflateOutput claimed, VerificationOptions options) =>
        TaskExecutors.Deflate.Verify(Frames(input), claimed, options);

    protected override DeltaDeflateOutput Compute(FinishInput input) => TaskExecutors.Deflate.Run(Frames(input));

    /// <summary>The delta <c>codec.deflate</c> would be given: both frames upscaled whole.</summary>
    private static DeltaDeflateInput Frames(FinishInput input) =>
        new(input.Previous is null ? [] : UpscaleMemo.Frame(input.Previous), UpscaleMemo.Frame(input.Current), input.Level);
}
