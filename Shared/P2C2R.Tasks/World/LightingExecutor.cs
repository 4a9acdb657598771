namespace P2C2R.Tasks.World;

/// <summary>
/// <c>world.lighting</c>: sky light and block light of a chunk, given its blocks and the light
/// at its borders.
/// <para>
/// The light equation has exactly one solution, so a claimed field that satisfies it at every
/// cell is the result. The verifier catches for sure wrong lengths and any level above 15, then
/// checks the equation at a sample of cells (the same cells in both channels): each check reads
/// the cell and its six neighbours, without a queue. It can miss a field wrong only at cells
/// outside the sample; a wrong level usually breaks the equation at its neighbours too, which
/// widens the net. At fraction 1 every cell is checked, which proves the whole result.
/// </para>
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

        var bright = Math.Max(claimed.Sky.AsSpan().IndexOfAnyInRange((byte)16, byte.MaxValue), claimed.Block.AsSpan().IndexOfAnyInRange((byte)16, byte.MaxValue));
        if (bright >= 0)
        {
            return Verdict.Reject($"a light level at cell {bright} is above 15");
        }

        var sample = Sample.Indices(cells, options);
        var sky = new LightField(input, sky: true).FirstViolation(claimed.Sky, sample, out var expected);
        if (sky >= 0)
        {
            return Verdict.Reject($"sky light at cell {sky} is {claimed.Sky[sky]}; its neighbours give {expected}");
        }

        var block = new LightField(input, sky: false).FirstViolation(claimed.Block, sample, out expected);
        return block >= 0 ? Verdict.Reject($"block light at cell {block} is {claimed.Block[block]}; its neighbours give {expected}") : Verdict.Accept;
    }
}
