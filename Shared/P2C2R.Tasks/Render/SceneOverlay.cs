using System.Buffers;
using System.Buffers.Binary;
using MessagePack;
using P2C2R.Tasks.World;

namespace P2C2R.Tasks.Render;

/// <summary>
/// The painted cells of a <c>render.raytrace</c> scene (creatures, loose pieces, a banner) sent
/// apart from its blocks: 5 bytes a cell, <c>(cell index: u32 little-endian, block: u8)</c>, cells
/// strictly ascending. What moves every tick travels here, a few hundred bytes, so the big
/// run-length-coded blocks stay byte-identical from tick to tick and can be sent once.
/// </summary>
public static class SceneOverlay
{
    public const int CellBytes = 5;
    public const int MaxCells = 4096;

    /// <summary>Reads the overlay field, refusing more than <see cref="MaxCells"/> cells before copying anything.</summary>
    public static byte[] Read(ref MessagePackReader reader)
    {
        var bytes = reader.ReadBinary();
        TaskInputException.Require(bytes.Length <= (long)MaxCells * CellBytes, $"overlay has {bytes.Length / CellBytes} cells; at most {MaxCells}");
        var overlay = new byte[bytes.Length];
        bytes.CopyTo(overlay);
        return overlay;
    }

    /// <summary>Throws <see cref="TaskInputException"/> unless <paramref name="overlay"/> is a well-formed overlay of a scene of <paramref name="cells"/> cells.</summary>
    public static void Validate(ReadOnlySpan<byte> overlay, int cells)
    {
        TaskInputException.Require(overlay.Length % CellBytes == 0, $"overlay has {overlay.Length} bytes; not a whole number of 5-byte cells");
        var count = overlay.Length / CellBytes;
        TaskInputException.Require(count <= MaxCells, $"overlay has {count} cells; at most {MaxCells}");
        var previous = -1L;
        for (var k = 0; k < count; k++)
        {
            long index = BinaryPrimitives.ReadUInt32LittleEndian(overlay[(k * CellBytes)..]);
            var block = overlay[k * CellBytes + 4];
            TaskInputException.Require(index < cells, $"overlay cell {k} has index {index}; the scene has {cells} cells");
            TaskInputException.Require(index > previous, $"overlay cell {k} has index {index}, not above the previous {previous}: cells must be strictly ascending");
            TaskInputException.Require(Block.IsValid(block), $"overlay cell {k} has block {block}, not a known block id");
            previous = index;
        }
    }

    /// <summary>Writes a validated overlay's blocks into <paramref name="blocks"/>.</summary>
    public static void Apply(ReadOnlySpan<byte> overlay, Span<byte> blocks)
    {
        for (var at = 0; at < overlay.Length; at += CellBytes)
        {
            blocks[(int)BinaryPrimitives.ReadUInt32LittleEndian(overlay[at..])] = overlay[at + 4];
        }
    }

    /// <summary>Writes the cell <c>(index, block)</c> at the start of <paramref name="into"/>.</summary>
    public static void WriteCell(Span<byte> into, int index, byte block)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(into, (uint)index);
        into[4] = block;
    }
}
