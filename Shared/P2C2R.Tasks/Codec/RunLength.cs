using System.Buffers;
using MessagePack;

namespace P2C2R.Tasks.Codec;

/// <summary>
/// Run-length coding of block grids as pairs <c>(count 1–255, block)</c>. A voxel scene is mostly
/// long runs of air and stone, so a ray-trace band's input shrinks about fourfold: less to send
/// to helpers, and no large-object-heap buffers on either side of the wire.
/// </summary>
public static class RunLength
{
    private const int MaxRun = byte.MaxValue;

    /// <summary>Bytes of run pairs asked of the writer at a time (even, so a pair never splits).</summary>
    private const int ChunkBytes = 512;

    /// <summary>Writes <paramref name="blocks"/> as one MessagePack bin of run pairs, straight into the writer's buffer.</summary>
    public static void Write(ref MessagePackWriter writer, ReadOnlySpan<byte> blocks)
    {
        var left = 2 * CountRuns(blocks);
        writer.WriteBinHeader(left);
        var i = 0;
        while (left > 0)
        {
            var size = Math.Min(left, ChunkBytes);
            var chunk = writer.GetSpan(size);
            for (var filled = 0; filled < size; filled += 2)
            {
                var run = RunAt(blocks, i);
                chunk[filled] = (byte)run;
                chunk[filled + 1] = blocks[i];
                i += run;
            }

            writer.Advance(size);
            left -= size;
        }
    }

    /// <summary>
    /// Reads a bin of run pairs that must expand to exactly <paramref name="length"/> blocks; the
    /// length is checked run by run, so a hostile input can never make it expand further.
    /// </summary>
    public static byte[] Read(ref MessagePackReader reader, string field, int length)
    {
        var sequence = reader.ReadBinary();
        ReadOnlySpan<byte> runs = sequence.IsSingleSegment ? sequence.FirstSpan : sequence.ToArray();
        TaskInputException.Require(runs.Length % 2 == 0, $"{field} has {runs.Length} bytes; run pairs need an even number");
        var blocks = DecodeArena.Rent(length);
        var at = 0;
        for (var i = 0; i < runs.Length; i += 2)
        {
            int count = runs[i];
            if (count == 0 || count > length - at)
            {
                throw new TaskInputException(count == 0 ? $"{field} has a run of length 0 at block {at}" : $"{field} expands past {length} blocks");
            }

            blocks.AsSpan(at, count).Fill(runs[i + 1]);
            at += count;
        }

        TaskInputException.Require(at == length, $"{field} expands to {at} blocks; expected {length}");
        return blocks;
    }

    private static int CountRuns(ReadOnlySpan<byte> blocks)
    {
        var runs = 0;
        for (var i = 0; i < blocks.Length; i += RunAt(blocks, i))
        {
            runs++;
        }

        return runs;
    }

    private static int RunAt(ReadOnlySpan<byte> blocks, int start)
    {
        var limit = Math.Min(blocks.Length - start, MaxRun);
        var same = blocks.Slice(start + 1, limit - 1).IndexOfAnyExcept(blocks[start]);
        return same < 0 ? limit : same + 1;
    }
}
