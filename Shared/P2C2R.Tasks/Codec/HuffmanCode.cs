namespace P2C2R.Tasks.Codec;

/// <summary>
/// Length-limited canonical Huffman codes for DEFLATE. Lengths come from a two-queue Huffman
/// build over leaves sorted by (frequency, symbol), so ties break the same way everywhere; codes
/// deeper than the limit are folded back with the bit-count adjustment of JPEG Annex K.3, which
/// keeps the code complete, as strict inflaters require.
/// </summary>
internal static class HuffmanCode
{
    /// <summary>Fills <paramref name="lengths"/> for <paramref name="frequencies"/>; at least two symbols must be used.</summary>
    public static void BuildLengths(ReadOnlySpan<int> frequencies, int limit, Span<byte> lengths, HuffmanScratch scratch)
    {
        lengths.Clear();
        var leaves = scratch.Leaves;
        var used = 0;
        for (var symbol = 0; symbol < frequencies.Length; symbol++)
        {
            if (frequencies[symbol] > 0)
            {
                leaves[used++] = ((long)frequencies[symbol] << 16) | (uint)symbol;
            }
        }

        Array.Sort(leaves, 0, used);
        var weight = scratch.Weight;
        var parent = scratch.Parent;
        for (var i = 0; i < used; i++)
        {
            weight[i] = leaves[i] >> 16;
        }

        var nextLeaf = 0;
        var nextNode = used;
        var created = used;
        while (created < 2 * used - 1)
        {
            var a = TakeSmallest(weight, ref nextLeaf, used, ref nextNode, created);
            var b = TakeSmallest(weight, ref nextLeaf, used, ref nextNode, created);
            weight[created] = weight[a] + weight[b];
            parent[a] = created;
            parent[b] = created;
            created++;
        }

        var depth = scratch.Depth;
        depth[created - 1] = 0;
        for (var node = created - 2; node >= 0; node--)
        {
            depth[node] = depth[parent[node]] + 1;
        }

        Span<int> count = stackalloc int[HuffmanScratch.MaxSymbols];
        count.Clear();
        var maxLength = 0;
        for (var i = 0; i < used; i++)
        {
            count[depth[i]]++;
            maxLength = Math.Max(maxLength, depth[i]);
        }

        for (var length = maxLength; length > limit; length--)
        {
            while (count[length] > 0)
            {
                var shorter = length - 2;
                while (count[shorter] == 0)
                {
                    shorter--;
                }

                count[length] -= 2;
                count[length - 1]++;
                count[shorter + 1] += 2;
                count[shorter]--;
            }
        }

        var leaf = 0;
        for (var length = Math.Min(maxLength, limit); length >= 1; length--)
        {
            for (var n = 0; n < count[length]; n++)
            {
                lengths[(int)(leaves[leaf++] & 0xFFFF)] = (byte)length;
            }
        }
    }

    /// <summary>Canonical codes of RFC 1951 §3.2.2, bit-reversed for LSB-first output.</summary>
    public static void BuildCodes(ReadOnlySpan<byte> lengths, Span<ushort> codes)
    {
        Span<int> count = stackalloc int[16];
        Span<int> next = stackalloc int[16];
        count.Clear();
        foreach (var length in lengths)
        {
            count[length]++;
        }

        count[0] = 0;
        var code = 0;
        for (var bits = 1; bits < 16; bits++)
        {
            code = (code + count[bits - 1]) << 1;
            next[bits] = code;
        }

        for (var symbol = 0; symbol < lengths.Length; symbol++)
        {
            int length = lengths[symbol];
            codes[symbol] = length == 0 ? (ushort)0 : Reverse(next[length]++, length);
        }
    }

    private static int TakeSmallest(long[] weight, ref int nextLeaf, int leaves, ref int nextNode, int created)
    {
        if (nextLeaf < leaves && (nextNode >= created || weight[nextLeaf] <= weight[nextNode]))
        {
            return nextLeaf++;
        }

        return nextNode++;
    }

    private static ushort Reverse(int code, int length)
    {
        var reversed = 0;
        for (var i = 0; i < length; i++)
        {
            reversed = (reversed << 1) | (code & 1);
            code >>= 1;
        }

        return (ushort)reversed;
    }
}

/// <summary>Working arrays of <see cref="HuffmanCode"/>, kept by the encoder so a block allocates nothing.</summary>
internal sealed class HuffmanScratch
{
    public const int MaxSymbols = 288;

    public long[] Leaves { get; } = new long[MaxSymbols];

    public long[] Weight { get; } = new long[2 * MaxSymbols];

    public int[] Parent { get; } = new int[2 * MaxSymbols];

    public int[] Depth { get; } = new int[2 * MaxSymbols];
}
