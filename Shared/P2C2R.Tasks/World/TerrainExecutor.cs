using P2C2R.Tasks.Numerics;

namespace P2C2R.Tasks.World;

/// <summary>
/// <c>world.terrain</c>: generates a chunk from its seed and coordinates: fractal gradient-noise
/// height, dirt and grass (sand at the shore), 3D-noise caves with lava at the bottom, ores by
/// depth, water up to sea level, bedrock. Every column is a function of its own coordinates
/// alone, so a verifier regenerates a random sample of columns.
/// </summary>
public sealed class TerrainExecutor : TaskExecutor<TerrainInput, BlocksOutput>
{
    public const int MaxHeight = 256;
    private const int BaseFrequencyShift = 6;
    private const int CaveFrequencyShift = 4;
    private const ulong OreSalt = 0x0E5EED;
    private const ulong CaveSalt = 0xC0FFEE;

    public override TaskType Type { get; } = new("world.terrain", 1, 128, Chunk.Size * Chunk.Size * MaxHeight + 16);

    public override long Cost(TerrainInput input) => 1 + (long)Chunk.Size * Chunk.Size * (input.Octaves * 4 + input.Height * (input.CaveThreshold > 0 ? 2 : 0)) / 8;

    protected override void Validate(TerrainInput input)
    {
        TaskInputException.InRange(input.Height, 16, MaxHeight, "height");
        TaskInputException.InRange(input.WaterLevel, 0, input.Height - 1, "waterLevel");
        TaskInputException.InRange(input.Octaves, 1, 8, "octaves");
        TaskInputException.InRange(input.CaveThreshold, 0, 1 << 16, "caveThreshold");
        TaskInputException.InRange(input.ChunkX, -(1 << 20), 1 << 20, "chunkX");
        TaskInputException.InRange(input.ChunkZ, -(1 << 20), 1 << 20, "chunkZ");
    }

    protected override BlocksOutput Compute(TerrainInput input)
    {
        var blocks = new byte[Chunk.Size * Chunk.Size * input.Height];
        for (var z = 0; z < Chunk.Size; z++)
        {
            for (var x = 0; x < Chunk.Size; x++)
            {
                Column(input, x, z, blocks);
            }
        }

        return new BlocksOutput(blocks);
    }

    public override Verdict Verify(TerrainInput input, BlocksOutput claimed, VerificationOptions options)
    {
        var expectedLength = Chunk.Size * Chunk.Size * input.Height;
        if (claimed.Blocks.Length != expectedLength)
        {
            return Verdict.Reject($"the chunk has {claimed.Blocks.Length} blocks; expected {expectedLength}");
        }

        var column = new byte[expectedLength];
        foreach (var index in Sample.Indices(Chunk.Size * Chunk.Size, options))
        {
            var x = index % Chunk.Size;
            var z = index / Chunk.Size;
            Column(input, x, z, column);
            for (var y = 0; y < input.Height; y++)
            {
                var i = Chunk.Index(x, y, z);
                if (column[i] != claimed.Blocks[i])
                {
                    return Verdict.Reject($"block ({x}, {y}, {z}) is {claimed.Blocks[i]}; expected {column[i]}");
                }
            }
        }

        return Verdict.Accept;
    }

    private static void Column(TerrainInput input, int x, int z, byte[] blocks)
    {
        var worldX = (long)input.ChunkX * Chunk.Size + x;
        var worldZ = (long)input.ChunkZ * Chunk.Size + z;
        var surfaceNoise = new GradientNoise(input.Seed);
        var caveNoise = new GradientNoise(input.Seed ^ CaveSalt);
        var noise = surfaceNoise.Fractal((worldX << 16) >> BaseFrequencyShift, (worldZ << 16) >> BaseFrequencyShift, input.Octaves);
        var surface = (int)Math.Clamp(input.Height * 45 / 100 + ((noise * (input.Height / 4)) >> 16), 1, input.Height - 2);
        var shore = surface <= input.WaterLevel + 1;
        for (var y = 0; y < input.Height; y++)
        {
            byte block;
            if (y == 0)
            {
                block = Block.Bedrock;
            }
            else if (y > surface)
            {
                block = y <= input.WaterLevel ? Block.Water : Block.Air;
            }
            else if (input.CaveThreshold > 0 && y < surface - 2
                && Math.Abs(caveNoise.At((worldX << 16) >> CaveFrequencyShift, ((long)y << 16) >> CaveFrequencyShift, (worldZ << 16) >> CaveFrequencyShift)) < input.CaveThreshold / 4)
            {
                block = y < 6 ? Block.Lava : Block.Air;
            }
            else if (y == surface)
            {
                block = shore ? Block.Sand : Block.Grass;
            }
            else if (y > surface - 4)
            {
                block = shore ? Block.Sand : Block.Dirt;
            }
            else
            {
                block = Ore(input, worldX, y, worldZ);
            }

            blocks[Chunk.Index(x, y, z)] = block;
        }
    }

    private static byte Ore(TerrainInput input, long x, int y, long z)
    {
        var roll = SplitMix64.Hash(input.Seed ^ OreSalt, x, y, z) % 1000;
        if (y < input.Height / 8 && roll < 6)
        {
            return Block.GoldOre;
        }

        if (y < input.Height / 3 && roll < 20)
        {
            return Block.IronOre;
        }

        return roll < 35 ? Block.CoalOre : Block.Stone;
    }
}
