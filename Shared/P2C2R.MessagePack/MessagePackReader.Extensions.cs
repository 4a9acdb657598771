using System.Buffers;

namespace P2C2R.MessagePack;

/// <summary>Extension values, and the timestamp extension (type -1) in its three layouts.</summary>
public ref partial struct MessagePackReader
{
    public ExtensionHeader ReadExtensionHeader()
    {
        var code = ReadCode();
        uint length = code switch
        {
            MessagePackCode.FixExt1 => 1,
            MessagePackCode.FixExt2 => 2,
            MessagePackCode.FixExt4 => 4,
            MessagePackCode.FixExt8 => 8,
            MessagePackCode.FixExt16 => 16,
            MessagePackCode.Ext8 => ReadByteRaw(),
            MessagePackCode.Ext16 => ReadU16(),
            MessagePackCode.Ext32 => ReadU32(),
            _ => throw UnexpectedCode(code, "an extension"),
        };
        var type = unchecked((sbyte)ReadByteRaw());
        CheckLength(length + 0L, 1, "extension");
        return new ExtensionHeader(type, length);
    }

    /// <summary>Reads an extension's payload as a slice of the input.</summary>
    public ReadOnlySequence<byte> ReadExtension(out sbyte typeCode)
    {
        var header = ReadExtensionHeader();
        typeCode = header.TypeCode;
        return ReadSlice((int)header.Length);
    }

    public MessagePackTimestamp ReadTimestamp()
    {
        var start = Offset;
        var header = ReadExtensionHeader();
        if (header.TypeCode != MessagePackCode.TimestampExtension)
        {
            throw new WireFormatException($"expected a timestamp but found extension type {header.TypeCode}", start);
        }

        switch (header.Length)
        {
            case 4:
                return new MessagePackTimestamp(ReadU32(), 0);
            case 8:
                var packed = ReadU64();
                return Timestamp((uint)(packed >> 34), (long)(packed & 0x3_ffff_ffffUL), start);
            case 12:
                var nanoseconds = ReadU32();
                return Timestamp(nanoseconds, (long)ReadU64(), start);
            default:
                throw new WireFormatException($"a timestamp has 4, 8 or 12 bytes, not {header.Length}", start);
        }
    }

    public DateTime ReadDateTime() => ReadTimestamp().ToDateTime();

    private static MessagePackTimestamp Timestamp(uint nanoseconds, long seconds, long offset) =>
        nanoseconds < MessagePackTimestamp.NanosecondsPerSecond
            ? new MessagePackTimestamp(seconds, nanoseconds)
            : throw new WireFormatException($"timestamp nanoseconds {nanoseconds} exceed one second", offset);
}
