using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using MessagePack;

namespace P2C2R.Tasks;

/// <summary>
/// Reads of MessagePack-CSharp's <see cref="MessagePackReader"/> made as strict as the task format,
/// because task payloads come from untrusted helpers. The library is lenient where a payload must
/// not be: its <c>ReadBytes</c> also takes a string or nil, <c>ReadDouble</c> takes an integer,
/// <c>ReadString</c> replaces invalid UTF-8, and a declared length over 2 GiB escapes as an
/// <see cref="ArgumentOutOfRangeException"/>. These take only their own type, check a declared
/// length against the bytes that remain before slicing anything, and report every violation as a
/// <see cref="MessagePackSerializationException"/>, which <see cref="Payload.Decode{T}"/> turns
/// into a <see cref="TaskInputException"/>. Payload readers read a fixed shape (no recursion and no
/// formatter, so <c>MessagePackSecurity</c> has nothing to guard): nesting depth is bounded by the
/// schema rather than by a counter.
/// </summary>
public static class StrictReads
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A bin value as a slice of the input (no copy); any other type is refused.</summary>
    public static ReadOnlySequence<byte> ReadBinary(this ref MessagePackReader reader)
    {
        var code = reader.NextCode;
        var lengthBytes = code switch
        {
            MessagePackCode.Bin8 => 1,
            MessagePackCode.Bin16 => 2,
            MessagePackCode.Bin32 => 4,
            _ => throw Unexpected(code, "binary"),
        };
        return ReadBody(ref reader, lengthBytes, "binary");
    }

    /// <summary>A bin value, or null for nil.</summary>
    public static ReadOnlySequence<byte>? ReadBinaryOrNil(this ref MessagePackReader reader) =>
        reader.TryReadNil() ? null : reader.ReadBinary();

    /// <summary>A str value, or null for nil. Invalid UTF-8 is an error, never replaced.</summary>
    public static string? ReadStrictString(this ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        var code = reader.NextCode;
        var utf8 = code switch
        {
            >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr => reader.ReadRaw(1 + (code & 0x1f)).Slice(1),
            MessagePackCode.Str8 => ReadBody(ref reader, 1, "string"),
            MessagePackCode.Str16 => ReadBody(ref reader, 2, "string"),
            MessagePackCode.Str32 => ReadBody(ref reader, 4, "string"),
            _ => throw Unexpected(code, "a string"),
        };
        try
        {
            return utf8.IsSingleSegment ? StrictUtf8.GetString(utf8.FirstSpan) : StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            throw new MessagePackSerializationException("string is not valid UTF-8");
        }
    }

    /// <summary>A float64, or a float32 widened exactly; an integer is refused.</summary>
    public static double ReadStrictDouble(this ref MessagePackReader reader)
    {
        var code = reader.NextCode;
        return code is MessagePackCode.Float64 or MessagePackCode.Float32 ? reader.ReadDouble() : throw Unexpected(code, "a float");
    }

    /// <summary>Reads a length header of <paramref name="lengthBytes"/> after the code, then that many bytes if they are there.</summary>
    private static ReadOnlySequence<byte> ReadBody(ref MessagePackReader reader, int lengthBytes, string what)
    {
        Span<byte> header = stackalloc byte[5];
        header = header[..(1 + lengthBytes)];
        reader.ReadRaw(header.Length).CopyTo(header);
        long length = lengthBytes switch
        {
            1 => header[1],
            2 => BinaryPrimitives.ReadUInt16BigEndian(header[1..]),
            _ => BinaryPrimitives.ReadUInt32BigEndian(header[1..]),
        };
        var remaining = reader.Sequence.Length - reader.Consumed;
        if (length > remaining)
        {
            throw new MessagePackSerializationException($"{what} declares {length} bytes but only {remaining} remain");
        }

        return reader.ReadRaw(length);
    }

    private static MessagePackSerializationException Unexpected(byte code, string expected) =>
        new($"expected {expected} but found {MessagePackCode.ToFormatName(code)} (0x{code:x2})");
}
