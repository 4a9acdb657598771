using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace P2C2R.MessagePack;

/// <summary>
/// Reads MessagePack from a <see cref="ReadOnlySequence{T}"/> (a received frame, possibly split
/// across pipe segments). It trusts nothing: every length is checked against the bytes that
/// remain before anything is allocated, nesting is limited, and any violation throws a
/// <see cref="WireFormatException"/> carrying the byte offset. Binary values come back as slices
/// of the input, without copying.
/// </summary>
public ref partial struct MessagePackReader
{
    /// <summary>Nesting depth allowed unless the caller chooses otherwise.</summary>
    public const int DefaultMaxDepth = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private SequenceReader<byte> _reader;
    private int _depth;

    public MessagePackReader(ReadOnlySequence<byte> input, int maxDepth = DefaultMaxDepth)
    {
        _reader = new SequenceReader<byte>(input);
        MaxDepth = maxDepth;
        _depth = 0;
    }

    public MessagePackReader(ReadOnlyMemory<byte> input, int maxDepth = DefaultMaxDepth)
        : this(new ReadOnlySequence<byte>(input), maxDepth)
    {
    }

    public int MaxDepth { get; }

    /// <summary>Bytes consumed so far: the offset reported by errors.</summary>
    public readonly long Offset => _reader.Consumed;

    public readonly long Remaining => _reader.Remaining;

    public readonly bool End => _reader.End;

    /// <summary>What is left to read, for handing the rest of a frame to another reader.</summary>
    public readonly ReadOnlySequence<byte> UnreadSequence => _reader.UnreadSequence;

    public readonly MessagePackType NextType => MessagePackCode.TypeOf(PeekCode());

    public readonly byte PeekCode()
    {
        if (!_reader.TryPeek(out var code))
        {
            throw Truncated(1);
        }

        return code;
    }

    /// <summary>Counts one level of nesting for a formatter reading a nested structure.</summary>
    public void EnterNested()
    {
        if (++_depth > MaxDepth)
        {
            throw Error($"nesting deeper than {MaxDepth} levels");
        }
    }

    public void ExitNested() => _depth--;

    public bool TryReadNil()
    {
        if (PeekCode() != MessagePackCode.Nil)
        {
            return false;
        }

        _reader.Advance(1);
        return true;
    }

    public void ReadNil()
    {
        if (!TryReadNil())
        {
            throw Unexpected("nil");
        }
    }

    public bool ReadBoolean()
    {
        var code = ReadCode();
        return code switch
        {
            MessagePackCode.True => true,
            MessagePackCode.False => false,
            _ => throw UnexpectedCode(code, "boolean"),
        };
    }

    public long ReadInt64()
    {
        var start = Offset;
        var code = ReadCode();
        switch (code)
        {
            case <= MessagePackCode.MaxPositiveFixInt:
                return code;
            case >= MessagePackCode.MinNegativeFixInt:
                return unchecked((sbyte)code);
            case MessagePackCode.UInt8:
                return ReadByteRaw();
            case MessagePackCode.UInt16:
                return ReadU16();
            case MessagePackCode.UInt32:
                return ReadU32();
            case MessagePackCode.UInt64:
                var unsigned = ReadU64();
                return unsigned <= long.MaxValue ? (long)unsigned : throw new WireFormatException($"integer {unsigned} is out of range for Int64", start);
            case MessagePackCode.Int8:
                return unchecked((sbyte)ReadByteRaw());
            case MessagePackCode.Int16:
                return (short)ReadU16();
            case MessagePackCode.Int32:
                return (int)ReadU32();
            case MessagePackCode.Int64:
                return (long)ReadU64();
            default:
                throw new WireFormatException($"expected an integer but found {Describe(code)}", start);
        }
    }

    public ulong ReadUInt64()
    {
        var start = Offset;
        var code = PeekCode();
        if (code == MessagePackCode.UInt64)
        {
            _reader.Advance(1);
            return ReadU64();
        }

        var value = ReadInt64();
        return value >= 0 ? (ulong)value : throw new WireFormatException($"integer {value} is out of range for UInt64", start);
    }

    public int ReadInt32() => (int)ReadRanged(int.MinValue, int.MaxValue, "Int32");

    public uint ReadUInt32() => (uint)ReadRanged(0, uint.MaxValue, "UInt32");

    public short ReadInt16() => (short)ReadRanged(short.MinValue, short.MaxValue, "Int16");

    public ushort ReadUInt16() => (ushort)ReadRanged(0, ushort.MaxValue, "UInt16");

    public byte ReadByte() => (byte)ReadRanged(0, byte.MaxValue, "Byte");

    public sbyte ReadSByte() => (sbyte)ReadRanged(sbyte.MinValue, sbyte.MaxValue, "SByte");

    /// <summary>Reads a float64 or float32 (widened exactly).</summary>
    public double ReadDouble()
    {
        var code = ReadCode();
        return code switch
        {
            MessagePackCode.Float64 => BitConverter.Int64BitsToDouble((long)ReadU64()),
            MessagePackCode.Float32 => BitConverter.Int32BitsToSingle((int)ReadU32()),
            _ => throw UnexpectedCode(code, "a float"),
        };
    }

    public float ReadSingle()
    {
        var code = ReadCode();
        return code == MessagePackCode.Float32
            ? BitConverter.Int32BitsToSingle((int)ReadU32())
            : throw UnexpectedCode(code, "a float32");
    }

    /// <summary>Reads a string, or null for nil. Invalid UTF-8 is an error, never replaced.</summary>
    public string? ReadString()
    {
        if (TryReadNil())
        {
            return null;
        }

        var start = Offset;
        var length = ReadStringHeader();
        try
        {
            if (_reader.UnreadSpan.Length >= length)
            {
                var text = StrictUtf8.GetString(_reader.UnreadSpan[..length]);
                _reader.Advance(length);
                return text;
            }

            var slice = _reader.UnreadSequence.Slice(0, length);
            _reader.Advance(length);
            return StrictUtf8.GetString(slice);
        }
        catch (DecoderFallbackException)
        {
            throw new WireFormatException("string is not valid UTF-8", start);
        }
    }

    /// <summary>Reads a string's UTF-8 bytes without decoding them (zero-copy).</summary>
    public ReadOnlySequence<byte> ReadStringBytes()
    {
        var length = ReadStringHeader();
        return ReadSlice(length);
    }

    public int ReadStringHeader()
    {
        var code = ReadCode();
        long length = code switch
        {
            >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr => code & 0x1f,
            MessagePackCode.Str8 => ReadByteRaw(),
            MessagePackCode.Str16 => ReadU16(),
            MessagePackCode.Str32 => ReadU32(),
            _ => throw UnexpectedCode(code, "a string"),
        };
        return CheckLength(length, 1, "string");
    }

    /// <summary>Reads binary data as a slice of the input (no copy), or null for nil.</summary>
    public ReadOnlySequence<byte>? ReadBinaryOrNil() => TryReadNil() ? null : ReadBinary();

    public ReadOnlySequence<byte> ReadBinary()
    {
        var code = ReadCode();
        long length = code switch
        {
            MessagePackCode.Bin8 => ReadByteRaw(),
            MessagePackCode.Bin16 => ReadU16(),
            MessagePackCode.Bin32 => ReadU32(),
            _ => throw UnexpectedCode(code, "binary"),
        };
        return ReadSlice(CheckLength(length, 1, "binary"));
    }

    /// <summary>Reads an array header; the count is checked against the bytes that remain.</summary>
    public int ReadArrayHeader()
    {
        var code = ReadCode();
        long count = code switch
        {
            >= MessagePackCode.MinFixArray and <= MessagePackCode.MaxFixArray => code & 0x0f,
            MessagePackCode.Array16 => ReadU16(),
            MessagePackCode.Array32 => ReadU32(),
            _ => throw UnexpectedCode(code, "an array"),
        };
        return CheckLength(count, 1, "array");
    }

    /// <summary>Reads a map header; each entry needs at least two bytes, checked up front.</summary>
    public int ReadMapHeader()
    {
        var code = ReadCode();
        long count = code switch
        {
            >= MessagePackCode.MinFixMap and <= MessagePackCode.MaxFixMap => code & 0x0f,
            MessagePackCode.Map16 => ReadU16(),
            MessagePackCode.Map32 => ReadU32(),
            _ => throw UnexpectedCode(code, "a map"),
        };
        return CheckLength(count, 2, "map");
    }

    private long ReadRanged(long min, long max, string type)
    {
        var start = Offset;
        var value = ReadInt64();
        return value >= min && value <= max ? value : throw new WireFormatException($"integer {value} is out of range for {type}", start);
    }

    /// <summary>Refuses a declared length that the remaining input cannot possibly hold.</summary>
    private readonly int CheckLength(long count, int minBytesEach, string what)
    {
        if (count * minBytesEach > _reader.Remaining)
        {
            throw Error($"{what} declares {count} {(minBytesEach == 1 && what != "array" ? "bytes" : "elements")} but only {_reader.Remaining} bytes remain");
        }

        return (int)count;
    }

    private ReadOnlySequence<byte> ReadSlice(int length)
    {
        if (_reader.Remaining < length)
        {
            throw Truncated(length);
        }

        var slice = _reader.UnreadSequence.Slice(0, length);
        _reader.Advance(length);
        return slice;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte ReadCode()
    {
        if (!_reader.TryRead(out var code))
        {
            throw Truncated(1);
        }

        return code;
    }

    private byte ReadByteRaw() => ReadCode();

    private ushort ReadU16() => _reader.TryReadBigEndian(out short value) ? unchecked((ushort)value) : throw Truncated(2);

    private uint ReadU32() => _reader.TryReadBigEndian(out int value) ? unchecked((uint)value) : throw Truncated(4);

    private ulong ReadU64() => _reader.TryReadBigEndian(out long value) ? unchecked((ulong)value) : throw Truncated(8);

    private readonly WireFormatException Error(string message) => new(message, Offset);

    private readonly WireFormatException Truncated(long needed) =>
        Error($"input ends early: {needed} more bytes needed, {_reader.Remaining} remain");

    private readonly WireFormatException Unexpected(string expected) => Error($"expected {expected} but found {Describe(PeekCode())}");

    private readonly WireFormatException UnexpectedCode(byte code, string expected) =>
        new($"expected {expected} but found {Describe(code)}", Offset - 1);

    private static string Describe(byte code) =>
        $"{MessagePackCode.TypeOf(code).ToString().ToLowerInvariant()} (0x{code:x2})";
}
