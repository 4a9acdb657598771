using MessagePack;

namespace P2C2R.Tasks.World;

/// <summary>
/// Input of <c>world.terrain</c>: <c>[seed: uint64, chunkX, chunkZ, height, waterLevel, octaves,
/// caveThreshold]</c>. A chunk is 16 × height × 16 blocks; caveThreshold is Q16.16 (0 = no caves).
/// </summary>
public sealed record TerrainInput(ulong Seed, int ChunkX, int ChunkZ, int Height, int WaterLevel, int Octaves, int CaveThreshold)
    : ITaskPayload<TerrainInput>
{
    public static TerrainInput Read(ref MessagePackReader reader)
    {
        Payload.ReadFields(ref reader, 7, nameof(TerrainInput));
        return new TerrainInput(reader.ReadUInt64(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(),
            reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
    }

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(7);
        writer.Write(Seed);
        writer.Write(ChunkX);
        writer.Write(ChunkZ);
        writer.Write(Height);
        writer.Write(WaterLevel);
        writer.Write(Octaves);
        writer.Write(CaveThreshold);
    }
}

/// <summary>Output of <c>world.terrain</c>: <c>[blocks: bin]</c> indexed <c>(y·16 + z)·16 + x</c>.</summary>
public sealed record BlocksOutput(byte[] Blocks) : ITaskPayload<BlocksOutput>
{
    public static BlocksOutput Read(ref MessagePackReader reader)
    {
        Payload.ReadFields(ref reader, 1, nameof(BlocksOutput));
        return new BlocksOutput(Payload.ReadBytes(ref reader, "blocks"));
    }

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(1);
        writer.Write(Blocks);
    }
}
