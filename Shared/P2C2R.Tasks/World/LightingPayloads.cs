using MessagePack;

namespace P2C2R.Tasks.World;

/// <summary>
/// Input of <c>world.lighting</c>: <c>[height, blocks: bin, skyBorder: bin, blockBorder: bin]</c>.
/// Borders hold the light of the neighbouring chunks' facing cells, 16·height values per face in
/// the order −x, +x (indexed y·16 + z), −z, +z (indexed y·16 + x); above the chunk is open sky.
/// </summary>
public sealed record LightingInput(int Height, byte[] Blocks, byte[] SkyBorder, byte[] BlockBorder) : ITaskPayload<LightingInput>
{
    public static LightingInput Read(ref MessagePackReader reader)
    {
        Payload.ReadFields(ref reader, 4, nameof(LightingInput));
        return new LightingInput(reader.ReadInt32(), Payload.ReadBytes(ref reader, "blocks"),
            Payload.ReadBytes(ref reader, "skyBorder"), Payload.ReadBytes(ref reader, "blockBorder"));
    }

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(4);
        writer.Write(Height);
        writer.Write(Blocks);
        writer.Write(SkyBorder);
        writer.Write(BlockBorder);
    }
}

/// <summary>Output of <c>world.lighting</c>: <c>[sky: bin, block: bin]</c>, one level 0..15 per block.</summary>
public sealed record LightingOutput(byte[] Sky, byte[] Block) : ITaskPayload<LightingOutput>
{
    public static LightingOutput Read(ref MessagePackReader reader)
    {
        Payload.ReadFields(ref reader, 2, nameof(LightingOutput));
        return new LightingOutput(Payload.ReadBytes(ref reader, "sky"), Payload.ReadBytes(ref reader, "block"));
    }

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(2);
        writer.Write(Sky);
        writer.Write(Block);
    }
}
