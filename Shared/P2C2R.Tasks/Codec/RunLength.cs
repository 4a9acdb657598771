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

    /// <summary>Grids remembered per thread: a scene's blocks and its light field alternate in every band's input.</summary>
    private const int MemoEntries = 4;

    /// <summary>
    /// The last grids this thread coded and their runs. A session encodes the same scene (blocks,
    /// and light) into every band of a frame, tick after tick until a block changes: comparing a
    /// grid costs a fraction of coding it again. Buffers are reused, so a miss allocates nothing
    /// once they have grown.
    /// </summary>
    [ThreadStatic]
    private static Memo[]? s_memos;

    [ThreadStatic]
    private static long s_uses;

    /// <summary>
    /// The last grids this thread decoded, by their runs. Every band of a frame, and every frame
    /// until a block changes, carries the same scene: a verifier or a coordinator computing bands
    /// itself decodes it again and again, and comparing the runs then copying the grid costs a
    /// fraction of expanding them run by run.
    /// </summary>
    [ThreadStatic]
    private static Decoded[]? s_decoded;

    /// <summary>Writes <paramref name="blocks"/> as one MessagePack bin of run pairs.</summary>
    public static void Write(ref MessagePackWriter writer, ReadOnlySpan<byte> blocks)
    {
        var memos = s_memos ??= [.. Enumerable.Range(0, MemoEntries).Select(_ => new Memo())];
        var found = memos[0];
        var hit = false;
        foreach (var memo in memos)
        {
            if (memo.GridLength == blocks.Length && blocks.SequenceEqual(memo.Grid.AsSpan(0, memo.GridLength)))
            {
                (found, hit) = (memo, true);
                break;
            }

            found = memo.LastUse < found.LastUse ? memo : found;
        }

        if (!hit)
        {
            found.Code(blocks);
        }

        found.LastUse = ++s_uses;
        writer.Write(found.Runs.WrittenSpan);
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
        var decoded = s_decoded ??= [.. Enumerable.Range(0, MemoEntries).Select(_ => new Decoded())];
        var slot = decoded[0];
        foreach (var memo in decoded)
        {
            if (memo.Grid.Length == length && runs.SequenceEqual(memo.Runs.AsSpan(0, memo.RunsLength)))
            {
                memo.LastUse = ++s_uses;
                memo.Grid.CopyTo(blocks, 0);
                return blocks;
            }

            slot = memo.LastUse < slot.LastUse ? memo : slot;
        }

        Expand(runs, blocks, field);
        slot.Keep(runs, blocks);
        slot.LastUse = ++s_uses;
        return blocks;
    }

    /// <summary>Expands run pairs into all of <paramref name="blocks"/>, run by run, never past its end.</summary>
    private static void Expand(ReadOnlySpan<byte> runs, byte[] blocks, string field)
    {
        var length = blocks.Length;
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
    }

    private static int RunAt(ReadOnlySpan<byte> blocks, int start)
    {
        var limit = Math.Min(blocks.Length - start, MaxRun);
        var same = blocks.Slice(start + 1, limit - 1).IndexOfAnyExcept(blocks[start]);
        return same < 0 ? limit : same + 1;
    }

    /// <summary>Runs read once and the grid they expanded to (only runs that expanded cleanly are kept).</summary>
    private sealed class Decoded
    {
        public byte[] Runs { get; private set; } = [];

        public int RunsLength { get; private set; }

        public byte[] Grid { get; private set; } = [];

        public long LastUse { get; set; }

        public void Keep(ReadOnlySpan<byte> runs, byte[] grid)
        {
            if (Runs.Length < runs.Length)
            {
                Runs = new byte[runs.Length];
            }

            if (Grid.Length != grid.Length)
            {
                Grid = new byte[grid.Length];
            }

            runs.CopyTo(Runs);
            RunsLength = runs.Length;
            grid.CopyTo(Grid, 0);
        }
    }

    private sealed class Memo
    {
        public byte[] Grid { get; private set; } = [];

        public int GridLength { get; private set; } = -1;

        public long LastUse { get; set; }

        public ArrayBufferWriter<byte> Runs { get; } = new(ChunkBytes);

        public void Code(ReadOnlySpan<byte> blocks)
        {
            if (Grid.Length < blocks.Length)
            {
                Grid = new byte[blocks.Length];
            }

            blocks.CopyTo(Grid);
            GridLength = blocks.Length;
            Runs.ResetWrittenCount();
            var i = 0;
            while (i < blocks.Length)
            {
                var chunk = Runs.GetSpan(ChunkBytes);
                var filled = 0;
                while (filled < ChunkBytes && i < blocks.Length)
                {
                    var run = RunAt(blocks, i);
                    chunk[filled] = (byte)run;
                    chunk[filled + 1] = blocks[i];
                    filled += 2;
                    i += run;
                }

                Runs.Advance(filled);
            }
        }
    }
}
