namespace P2C2R.Tasks.Codec;

/// <summary>
/// A deterministic raw DEFLATE (RFC 1951) encoder: greedy LZ77 over hash chains of bounded depth,
/// then per block either dynamic Huffman codes or stored bytes, whichever is smaller. The
/// platform's compressor is not used because its output may differ between library versions and
/// CPU features; this one gives the same bytes everywhere, and any inflater decodes them.
/// Instances keep their buffers; use one per thread.
/// </summary>
internal sealed class DeflateEncoder
{
    private const int WindowBits = 15;
    private const int WindowSize = 1 << WindowBits;
    private const int HashBits = 15;
    private const int MinMatch = 3;
    private const int MaxMatch = 258;
    private const int BlockSymbols = 16384;
    private const int InsertWholeMatchUpTo = 32;
    private const int EndOfBlock = 256;
    private const int LiteralLengthSymbols = 286;
    private const int DistanceSymbols = 30;

    private readonly int[] _head = new int[1 << HashBits];
    private readonly int[] _previous = new int[WindowSize];
    private readonly int[] _symbols = new int[BlockSymbols];
    private readonly int[] _literalFrequencies = new int[LiteralLengthSymbols];
    private readonly int[] _distanceFrequencies = new int[DistanceSymbols];
    private readonly int[] _codeLengthFrequencies = new int[19];
    private readonly byte[] _literalLengths = new byte[LiteralLengthSymbols];
    private readonly byte[] _distanceLengths = new byte[DistanceSymbols];
    private readonly byte[] _codeLengthLengths = new byte[19];
    private readonly ushort[] _literalCodes = new ushort[LiteralLengthSymbols];
    private readonly ushort[] _distanceCodes = new ushort[DistanceSymbols];
    private readonly ushort[] _codeLengthCodes = new ushort[19];
    private readonly byte[] _allLengths = new byte[LiteralLengthSymbols + DistanceSymbols];
    private readonly int[] _runs = new int[LiteralLengthSymbols + DistanceSymbols];
    private readonly HuffmanScratch _scratch = new();
    private readonly BitWriter _output = new();

    [ThreadStatic]
    private static DeflateEncoder? s_perThread;

    public static DeflateEncoder ForCurrentThread() => s_perThread ??= new DeflateEncoder();

    /// <summary>Compresses <paramref name="data"/>; <paramref name="chainDepth"/> bounds the match search per position.</summary>
    public byte[] Compress(ReadOnlySpan<byte> data, int chainDepth)
    {
        _output.Reset(data.Length + (data.Length >> 3) + 1024);
        Array.Fill(_head, -1);
        var symbolCount = 0;
        var blockStart = 0;
        var position = 0;
        while (position < data.Length)
        {
            var length = 0;
            var distance = 0;
            if (position + MinMatch <= data.Length)
            {
                var hash = Hash(data, position);
                FindMatch(data, position, hash, chainDepth, out length, out distance);
                Insert(position, hash);
            }

            if (length >= MinMatch)
            {
                _symbols[symbolCount++] = (length << 16) | distance;
                if (length <= InsertWholeMatchUpTo)
                {
                    for (var p = position + 1; p < position + length && p + MinMatch <= data.Length; p++)
                    {
                        Insert(p, Hash(data, p));
                    }
                }

                position += length;
            }
            else
            {
                _symbols[symbolCount++] = data[position];
                position++;
            }

            if (symbolCount == BlockSymbols)
            {
                WriteBlock(data[blockStart..position], symbolCount, final: position == data.Length);
                blockStart = position;
                symbolCount = 0;
            }
        }

        if (symbolCount > 0 || data.Length == 0 || blockStart < data.Length)
        {
            WriteBlock(data[blockStart..], symbolCount, final: true);
        }

        _output.AlignToByte();
        return _output.ToArray();
    }

    private static int Hash(ReadOnlySpan<byte> data, int position)
    {
        var value = (uint)(data[position] | (data[position + 1] << 8) | (data[position + 2] << 16));
        return (int)((value * 2654435761u) >> (32 - HashBits));
    }

    private void Insert(int position, int hash)
    {
        _previous[position & (WindowSize - 1)] = _head[hash];
        _head[hash] = position;
    }

    private void FindMatch(ReadOnlySpan<byte> data, int position, int hash, int chainDepth, out int bestLength, out int bestDistance)
    {
        bestLength = 0;
        bestDistance = 0;
        var limit = Math.Min(MaxMatch, data.Length - position);
        var current = data.Slice(position, limit);
        var candidate = _head[hash];
        while (candidate >= 0 && position - candidate <= WindowSize && chainDepth-- > 0)
        {
            if (data[candidate + bestLength] == current[bestLength])
            {
                var length = data.Slice(candidate, limit).CommonPrefixLength(current);
                if (length > bestLength)
                {
                    bestLength = length;
                    bestDistance = position - candidate;
                    if (length == limit)
                    {
                        return;
                    }
                }
            }

            var older = _previous[candidate & (WindowSize - 1)];
            if (older >= candidate)
            {
                return;
            }

            candidate = older;
        }
    }

    private void WriteBlock(ReadOnlySpan<byte> raw, int symbolCount, bool final)
    {
        var symbols = _symbols.AsSpan(0, symbolCount);
        Array.Clear(_literalFrequencies);
        Array.Clear(_distanceFrequencies);
        foreach (var symbol in symbols)
        {
            if (symbol < 256)
            {
                _literalFrequencies[symbol]++;
            }
            else
            {
                _literalFrequencies[257 + DeflateTables.LengthCode(symbol >> 16)]++;
                _distanceFrequencies[DeflateTables.DistanceCode(symbol & 0xFFFF)]++;
            }
        }

        _literalFrequencies[EndOfBlock] = 1;
        EnsureTwoUsed(_literalFrequencies);
        EnsureTwoUsed(_distanceFrequencies);
        HuffmanCode.BuildLengths(_literalFrequencies, 15, _literalLengths, _scratch);
        HuffmanCode.BuildLengths(_distanceFrequencies, 15, _distanceLengths, _scratch);
        var literalCount = LastUsed(_literalLengths, 257);
        var distanceCount = LastUsed(_distanceLengths, 1);
        var runCount = EncodeRuns(literalCount, distanceCount);
        HuffmanCode.BuildLengths(_codeLengthFrequencies, 7, _codeLengthLengths, _scratch);
        var codeLengthCount = 4;
        for (var i = 18; i >= 4; i--)
        {
            if (_codeLengthLengths[DeflateTables.CodeLengthOrder[i]] != 0)
            {
                codeLengthCount = i + 1;
                break;
            }
        }

        var dynamicBits = 3L + 14 + 3 * codeLengthCount + RunBits(runCount) + SymbolBits(symbols);
        var storedBits = 8L * (raw.Length + 5 * Math.Max(1, (raw.Length + 65534) / 65535)) + 8;
        if (storedBits <= dynamicBits)
        {
            WriteStored(raw, final);
            return;
        }

        HuffmanCode.BuildCodes(_literalLengths, _literalCodes);
        HuffmanCode.BuildCodes(_distanceLengths, _distanceCodes);
        HuffmanCode.BuildCodes(_codeLengthLengths, _codeLengthCodes);
        _output.Write(final ? 1u : 0u, 1);
        _output.Write(2, 2);
        _output.Write((uint)(literalCount - 257), 5);
        _output.Write((uint)(distanceCount - 1), 5);
        _output.Write((uint)(codeLengthCount - 4), 4);
        for (var i = 0; i < codeLengthCount; i++)
        {
            _output.Write(_codeLengthLengths[DeflateTables.CodeLengthOrder[i]], 3);
        }

        WriteRuns(runCount);
        WriteSymbols(symbols);
        _output.Write(_literalCodes[EndOfBlock], _literalLengths[EndOfBlock]);
    }

    private static void EnsureTwoUsed(int[] frequencies)
    {
        var used = 0;
        foreach (var frequency in frequencies)
        {
            used += frequency > 0 ? 1 : 0;
        }

        for (var symbol = 0; used < 2; symbol++)
        {
            if (frequencies[symbol] == 0)
            {
                frequencies[symbol] = 1;
                used++;
            }
        }
    }

    private static int LastUsed(byte[] lengths, int minimum)
    {
        var count = lengths.Length;
        while (count > minimum && lengths[count - 1] == 0)
        {
            count--;
        }

        return count;
    }

    /// <summary>Run-length codes the concatenated code lengths with symbols 16, 17 and 18 (RFC 1951 §3.2.7).</summary>
    private int EncodeRuns(int literalCount, int distanceCount)
    {
        _literalLengths.AsSpan(0, literalCount).CopyTo(_allLengths);
        _distanceLengths.AsSpan(0, distanceCount).CopyTo(_allLengths.AsSpan(literalCount));
        var total = literalCount + distanceCount;
        Array.Clear(_codeLengthFrequencies);
        var runs = 0;
        var i = 0;
        while (i < total)
        {
            var value = _allLengths[i];
            var run = 1;
            while (i + run < total && _allLengths[i + run] == value)
            {
                run++;
            }

            if (value == 0 && run >= 3)
            {
                run = Math.Min(run, 138);
                var symbol = run <= 10 ? 17 : 18;
                _runs[runs++] = (symbol << 8) | run;
                _codeLengthFrequencies[symbol]++;
            }
            else if (value != 0 && run >= 4)
            {
                run = Math.Min(run, 7);
                _runs[runs++] = value;
                _runs[runs++] = (16 << 8) | (run - 1);
                _codeLengthFrequencies[value]++;
                _codeLengthFrequencies[16]++;
            }
            else
            {
                run = 1;
                _runs[runs++] = value;
                _codeLengthFrequencies[value]++;
            }

            i += run;
        }

        EnsureTwoUsed(_codeLengthFrequencies);
        return runs;
    }

    private long RunBits(int runCount)
    {
        var bits = 0L;
        for (var i = 0; i < runCount; i++)
        {
            var symbol = _runs[i] >> 8 == 0 ? _runs[i] : _runs[i] >> 8;
            bits += _codeLengthLengths[symbol] + symbol switch { 16 => 2, 17 => 3, 18 => 7, _ => 0 };
        }

        return bits;
    }

    private void WriteRuns(int runCount)
    {
        for (var i = 0; i < runCount; i++)
        {
            var entry = _runs[i];
            var symbol = entry >> 8 == 0 ? entry : entry >> 8;
            _output.Write(_codeLengthCodes[symbol], _codeLengthLengths[symbol]);
            switch (symbol)
            {
                case 16:
                    _output.Write((uint)((entry & 0xFF) - 3), 2);
                    break;
                case 17:
                    _output.Write((uint)((entry & 0xFF) - 3), 3);
                    break;
                case 18:
                    _output.Write((uint)((entry & 0xFF) - 11), 7);
                    break;
            }
        }
    }

    private long SymbolBits(ReadOnlySpan<int> symbols)
    {
        var bits = (long)_literalLengths[EndOfBlock];
        foreach (var symbol in symbols)
        {
            if (symbol < 256)
            {
                bits += _literalLengths[symbol];
                continue;
            }

            var lengthCode = DeflateTables.LengthCode(symbol >> 16);
            var distanceCode = DeflateTables.DistanceCode(symbol & 0xFFFF);
            bits += _literalLengths[257 + lengthCode] + DeflateTables.LengthExtraBits(lengthCode)
                + _distanceLengths[distanceCode] + DeflateTables.DistanceExtraBits(distanceCode);
        }

        return bits;
    }

    private void WriteSymbols(ReadOnlySpan<int> symbols)
    {
        foreach (var symbol in symbols)
        {
            if (symbol < 256)
            {
                _output.Write(_literalCodes[symbol], _literalLengths[symbol]);
                continue;
            }

            var length = symbol >> 16;
            var distance = symbol & 0xFFFF;
            var lengthCode = DeflateTables.LengthCode(length);
            _output.Write(_literalCodes[257 + lengthCode], _literalLengths[257 + lengthCode]);
            _output.Write((uint)DeflateTables.LengthExtraValue(lengthCode, length), DeflateTables.LengthExtraBits(lengthCode));
            var distanceCode = DeflateTables.DistanceCode(distance);
            _output.Write(_distanceCodes[distanceCode], _distanceLengths[distanceCode]);
            _output.Write((uint)DeflateTables.DistanceExtraValue(distanceCode, distance), DeflateTables.DistanceExtraBits(distanceCode));
        }
    }

    private void WriteStored(ReadOnlySpan<byte> raw, bool final)
    {
        do
        {
            var chunk = Math.Min(raw.Length, 65535);
            var last = final && chunk == raw.Length;
            _output.Write(last ? 1u : 0u, 1);
            _output.Write(0, 2);
            _output.AlignToByte();
            _output.Write((uint)chunk, 16);
            _output.Write((uint)(~chunk & 0xFFFF), 16);
            _output.AlignToByte();
            _output.WriteAlignedBytes(raw[..chunk]);
            raw = raw[chunk..];
        }
        while (raw.Length > 0);
    }
}
