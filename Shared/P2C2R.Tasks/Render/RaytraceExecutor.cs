namespace P2C2R.Tasks.Render;

/// <summary>
/// <c>render.raytrace</c>: one tile of a first-person view of a voxel scene. Tiles are independent,
/// so a frame's tiles spread over helpers; pixels are independent, so a verifier recomputes a
/// random sample instead of the tile.
/// </summary>
public sealed class RaytraceExecutor : TaskExecutor<RaytraceInput, ImageOutput>
{
    public const int MaxSize = 256;
    public const int MaxBlocks = 1 << 21;
    public const int MaxTilePixels = 512 * 512;

    public override TaskType Type { get; } = new("render.raytrace", 1, MaxBlocks + 1024, MaxTilePixels * 3 + 16);

    public override long Cost(RaytraceInput input) => 1 + (long)input.TileWidth * input.TileHeight * (input.SizeX + input.SizeY + input.SizeZ) / 64;

    /// <summary>The cell count of a scene of the given size, checked against the limits before anything is allocated for it.</summary>
    public static int SceneCells(int sizeX, int sizeY, int sizeZ)
    {
        TaskInputException.InRange(sizeX, 1, MaxSize, "sizeX");
        TaskInputException.InRange(sizeY, 1, MaxSize, "sizeY");
        TaskInputException.InRange(sizeZ, 1, MaxSize, "sizeZ");
        var cells = (long)sizeX * sizeY * sizeZ;
        TaskInputException.Require(cells <= MaxBlocks, $"the scene has {cells} cells; at most {MaxBlocks}");
        return (int)cells;
    }

    protected override void Validate(RaytraceInput input)
    {
        var cells = SceneCells(input.SizeX, input.SizeY, input.SizeZ);
        TaskInputException.Require(input.Blocks.Length == cells, $"blocks has {input.Blocks.Length} bytes; sizeX·sizeY·sizeZ is {cells}");
        var invalid = World.Block.FirstInvalid(input.Blocks);
        TaskInputException.Require(invalid < 0, $"blocks[{invalid}] is not a known block id");
        TaskInputException.Require(input.Light is null || input.Light.Length == cells, $"light has {input.Light?.Length} levels; sizeX·sizeY·sizeZ is {cells}");
        TaskInputException.Require(input.Light is null || input.Light.AsSpan().IndexOfAnyInRange((byte)16, byte.MaxValue) < 0, "light levels must be 0..15");
        if (input.Overlay is not null)
        {
            SceneOverlay.Validate(input.Overlay, cells);
        }

        TaskInputException.InRange(input.ImageWidth, 1, 4096, "imageWidth");
        TaskInputException.InRange(input.ImageHeight, 1, 4096, "imageHeight");
        TaskInputException.InRange(input.TileX, 0, input.ImageWidth - 1, "tileX");
        TaskInputException.InRange(input.TileY, 0, input.ImageHeight - 1, "tileY");
        TaskInputException.InRange(input.TileWidth, 1, input.ImageWidth - input.TileX, "tileWidth");
        TaskInputException.InRange(input.TileHeight, 1, input.ImageHeight - input.TileY, "tileHeight");
        TaskInputException.Require((long)input.TileWidth * input.TileHeight <= MaxTilePixels, $"a tile has at most {MaxTilePixels} pixels");
        var camera = input.Camera;
        TaskInputException.Require(camera.Origin.IsFinite && camera.Forward.IsFinite && camera.Right.IsFinite && camera.Up.IsFinite, "camera vectors must be finite");
        TaskInputException.Require(camera.Forward.Length > 1e-9, "camera forward must not be zero");
        TaskInputException.Require(input.Sun.IsFinite && input.Sun.Length > 1e-9, "sun must be a finite, non-zero vector");
        TaskInputException.Require(double.IsFinite(input.FogDistance) && input.FogDistance > 0, "fogDistance must be positive");
    }

    protected override ImageOutput Compute(RaytraceInput input)
    {
        var tracer = new VoxelTracer(input);
        var rgb = new byte[input.TileWidth * input.TileHeight * 3];
        var offset = 0;
        for (var y = 0; y < input.TileHeight; y++)
        {
            for (var x = 0; x < input.TileWidth; x++)
            {
                var pixel = tracer.Shade(input.TileX + x, input.TileY + y);
                rgb[offset++] = (byte)(pixel >> 16);
                rgb[offset++] = (byte)(pixel >> 8);
                rgb[offset++] = (byte)pixel;
            }
        }

        return new ImageOutput(rgb);
    }

    public override Verdict Verify(RaytraceInput input, ImageOutput claimed, VerificationOptions options)
    {
        var tracer = new VoxelTracer(input);
        return ImageCheck.Sampled(claimed.Rgb, input.TileX, input.TileY, input.TileWidth, input.TileHeight, options, tracer.Shade);
    }
}
