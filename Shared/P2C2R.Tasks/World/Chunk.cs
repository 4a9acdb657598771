namespace P2C2R.Tasks.World;

/// <summary>Layout of a chunk: 16 × 16 columns, y up, indexed <c>(y·16 + z)·16 + x</c>.</summary>
public static class Chunk
{
    public const int Size = 16;

    public static int Index(int x, int y, int z) => (y * Size + z) * Size + x;
}
