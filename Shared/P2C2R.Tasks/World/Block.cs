namespace P2C2R.Tasks.World;

/// <summary>
/// The block ids every world executor agrees on (terrain writes them, lighting and the ray tracer
/// read them), with the properties those algorithms need. Part of each task's version: changing
/// a property changes results, so it needs a new version of the task types that use it.
/// </summary>
public static class Block
{
    public const byte Air = 0;
    public const byte Stone = 1;
    public const byte Dirt = 2;
    public const byte Grass = 3;
    public const byte Sand = 4;
    public const byte Water = 5;
    public const byte CoalOre = 6;
    public const byte IronOre = 7;
    public const byte GoldOre = 8;
    public const byte Bedrock = 9;
    public const byte Torch = 10;
    public const byte Lava = 11;
    public const byte Log = 12;
    public const byte Leaves = 13;
    public const byte Glass = 14;
    public const byte Glowstone = 15;
    public const int Count = 16;

    /// <summary>Light lost entering the block; 15 stops light (opaque).</summary>
    private static readonly byte[] Attenuation = [1, 15, 15, 15, 15, 3, 15, 15, 15, 15, 1, 15, 15, 2, 1, 15];

    private static readonly byte[] Emission = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 14, 15, 0, 0, 0, 15];

    /// <summary>Base colour as 0xRRGGBB.</summary>
    private static readonly int[] Colour =
    [
        0x000000, 0x7F7F7F, 0x8B5A2B, 0x5DA130, 0xDBCF8E, 0x2F5FD0, 0x4A4A4A, 0xB08D74,
        0xE6C53A, 0x2B2B2B, 0xFFD15A, 0xE25A1C, 0x6B4F2A, 0x3C8F2C, 0xC8E6F0, 0xFFE38A,
    ];

    /// <summary>Share of a pixel's colour that comes from its reflection, in 1/256.</summary>
    private static readonly byte[] Reflectivity = [0, 0, 0, 0, 0, 90, 0, 0, 40, 0, 0, 0, 0, 0, 120, 0];

    public static bool IsValid(byte block) => block < Count;

    public static bool IsOpaque(byte block) => Attenuation[block] >= 15;

    public static int AttenuationOf(byte block) => Attenuation[block];

    public static int EmissionOf(byte block) => Emission[block];

    public static int ColourOf(byte block) => Colour[block];

    public static int ReflectivityOf(byte block) => Reflectivity[block];

    /// <summary>Index of the first invalid block in <paramref name="blocks"/>, or −1.</summary>
    public static int FirstInvalid(ReadOnlySpan<byte> blocks) => blocks.IndexOfAnyInRange((byte)Count, byte.MaxValue);
}
