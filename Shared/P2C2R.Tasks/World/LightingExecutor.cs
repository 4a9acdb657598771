namespace P2C2R.Tasks.World;

/// <summary>
/// <c>world.lighting</c>: sky light and block light of a chunk, given its blocks and the light
/// at its borders. The verifier checks the light equation at every cell: linear, without a
/// queue, and exact, so even a single wrong level is caught.
/// </summary>
public sealed class LightingExecutor : TaskExecutor<LightingInput, LightingOutput>
{
    public override TaskType Type { get; } = new("world.lighting", 1, 6 * Chunk.Size * Chunk.Size * TerrainExecutor.MaxHeight + 64, 2 * Chunk.Size * Chunk.Size * TerrainExecutor.MaxHeight + 16);

    public override long Cost(LightingInput input) => 1 + (long)input.Blocks.Length * 2 / 16;

    protected override void Validate(LightingInput input)
    {
        TaskInputException.InRange(input.Height, 1, TerrainExecutor.MaxHeight, "height");
        var cells = Chunk.Size * Chunk.Size * input.Height;
        var borders = 4 * Chunk.Size * input.Height;
        TaskInputException.Require(input.Blocks.Length == cells, $"blocks has {input.Blocks.Length} bytes; 16·16·height is {cells}");
        TaskInputException.Require(input.SkyBorder.Length == borders, $"skyBorder has {input.SkyBorder.Length} bytes; 4·16·height is {borders}");
        TaskInputException.Require(input.BlockBorder.Length == borders, $"blockBorder has {input.BlockBorder.Length} bytes; 4·16·height is {borders}");
        var invalid = Block.FirstInvalid(input.Blocks);
        TaskInputException.Require(invalid < 0, $"blocks[{invalid}] is not a known block id");
        var bright = input.SkyBorder.AsSpan().IndexOfAnyInRange((byte)16, byte.MaxValue);
        TaskInputException.Require(bright < 0, $"skyBorder[{bright}] is above 15");
        bright = input.BlockBorder.AsSpan().IndexOfAnyInRange((byte)16, byte.MaxValue);
        TaskInputException.Require(bright < 0, $"blockBorder[{bright}] is above 15");
    }

    protected override LightingOutput Compute(LightingInput input) =>
        new(new LightField(input, sky: true).Solve(), new LightField(input, sky: false).Solve());

    public override Verdict Verify(LightingInput input, LightingOutput claimed, VerificationOptions options)
    {
        var cells = input.Blocks.Length;
        if (claimed.Sky.Length != cells || claimed.Block.Length != cells)
        {
            return Verdict.Reject($"light arrays have {claimed.Sky.Length} and {claimed.Block.Length} levels; expected {cells}");
        }

        var sky = new LightField(input, sky: true).FirstViolation(claimed.Sky, out var expected);
        if (sky >= 0)
        {
            return Verdict.Reject($"sky light at cell {sky} is {claimed.Sky[sky]}; its neighbours give {expected}");
        }

        var block = new LightField(input, sky: false).FirstViolation(claimed.Block, out expected);
        return block >= 0 ? Verdict.Reject($"block light at cell {block} is {claimed.Block[block]}; its neighbours give {expected}") : Verdict.Accept;
    }
}
