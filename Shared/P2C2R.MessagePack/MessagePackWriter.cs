using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace P2C2R.MessagePack;

/// <summary>
/// Writes MessagePack to an <see cref="IBufferWriter{T}"/>, always in the smallest encoding the
/// specification allows. It asks the output for a span once and fills it, so a message of small
/// values costs one <c>GetSpan</c>/<c>Advance</c> pair; call <see cref="Flush"/> when done.
/// </summary>
public ref struct MessagePackWriter
{
    private const int MinimumSpan = 256;
    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _buffered;

    public MessagePackWriter(IBufferWriter<byte> output)
    {
        _output = output;
        _span = default;
        _buffered = 0;
    }

    /// <summary>Commits what was written to the output. Required before the output is read.</summary>
    public void Flush()
    {
        if (_buffered > 0)
        {
            _output.Advance(_buffered);
            _buffered = 0;
        }

        _span = default;
    }

    public void WriteNil() => Reserve(1)[0] = MessagePackCode.Nil;

    public void Write(bool value) => Reserve(1)[0] = value ? MessagePackCode.True : MessagePackCode.False;

    public void Write(int value) => Write((long)value);

    public void Write(uint value) => Write((ulong)value);

    public void Write(long value)
    {
        if (value >= 0)
        {
            Write((ulong)value);
            return;
        }

        if (value >= -32)
        {
            Reserve(1)[0] = unchecked((byte)value);
        }
        else if (value >= sbyte.MinValue)
        {
            var span = Reserve(2);
            span[0] = MessagePackCode.Int8;
            span[1] = unchecked((byte)value);
        }
        else if (value >= short.MinValue)
        {
            var span = Reserve(3);
            span[0] = MessagePackCode.Int16;
            BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)value);
        }
        else if (value >= int.MinValue)
        {
            var span = Reserve(5);
            span[0] = MessagePackCode.Int32;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
        }
        else
        {
            var span = Reserve(9);
            span[0] = MessagePackCode.Int64;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
        }
    }

    public void Write(ulong value)
    {
        if (value <= MessagePackCode.MaxPositiveFixInt)
        {
            Reserve(1)[0] = (byte)value;
        }
        else if (value <= byte.MaxValue)
        {
            var span = Reserve(2);
            span[0] = MessagePackCode.UInt8;
            span[1] = (byte)value;
        }
        else if (value <= ushort.MaxValue)
        {
            var span = Reserve(3);
            span[0] = MessagePackCode.UInt16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value);
        }
        else if (value <= uint.MaxValue)
        {
            var span = Reserve(5);
            span[0] = MessagePackCode.UInt32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value);
        }
        else
        {
            var span = Reserve(9);
            span[0] = MessagePackCode.UInt64;
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
        }
    }

    public void Write(float value)
    {
        var span = Reserve(5);
        span[0] = MessagePackCode.Float32;
        BinaryPrimitives.WriteSingleBigEndian(span[1..], value);
    }

    public void Write(double value)
    {
        var span = Reserve(9);
        span[0] = MessagePackCode.Float64;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
    }

    /// <summary>Writes a string as UTF-8, or nil for null.</summary>
    public void Write(string? value)
    {
        if (value is null)
        {
            WriteNil();
            return;
        }

        Write(value.AsSpan());
    }

    public void Write(scoped ReadOnlySpan<char> value)
    {
        if (value.Length <= 64)
        {
            Span<byte> encoded = stackalloc byte[192];
            var length = Encoding.UTF8.GetBytes(value, encoded);
            WriteString(encoded[..length]);
            return;
        }

        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteStringHeader(byteCount);
        Encoding.UTF8.GetBytes(value, Reserve(byteCount));
    }

    /// <summary>Writes text already encoded as UTF-8 (for example a cached actor path).</summary>
    public void WriteString(scoped ReadOnlySpan<byte> utf8)
    {
        WriteStringHeader(utf8.Length);
        WriteRaw(utf8);
    }

    public void WriteStringHeader(int byteCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteCount);
        if (byteCount <= 31)
        {
            Reserve(1)[0] = (byte)(MessagePackCode.MinFixStr | byteCount);
        }
        else if (byteCount <= byte.MaxValue)
        {
            var span = Reserve(2);
            span[0] = MessagePackCode.Str8;
            span[1] = (byte)byteCount;
        }
        else
        {
            WriteLength(byteCount, MessagePackCode.Str16, MessagePackCode.Str32);
        }
    }

    public void WriteBinary(scoped ReadOnlySpan<byte> value)
    {
        WriteBinaryHeader(value.Length);
        WriteRaw(value);
    }

    public void WriteBinary(in ReadOnlySequence<byte> value)
    {
        WriteBinaryHeader(checked((int)value.Length));
        foreach (var segment in value)
        {
            WriteRaw(segment.Span);
        }
    }

    public void WriteBinaryHeader(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length <= byte.MaxValue)
        {
            var span = Reserve(2);
            span[0] = MessagePackCode.Bin8;
            span[1] = (byte)length;
        }
        else
        {
            WriteLength(length, MessagePackCode.Bin16, MessagePackCode.Bin32);
        }
    }

    public void WriteArrayHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= 15)
        {
            Reserve(1)[0] = (byte)(MessagePackCode.MinFixArray | count);
        }
        else
        {
            WriteLength(count, MessagePackCode.Array16, MessagePackCode.Array32);
        }
    }

    public void WriteMapHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= 15)
        {
            Reserve(1)[0] = (byte)(MessagePackCode.MinFixMap | count);
        }
        else
        {
            WriteLength(count, MessagePackCode.Map16, MessagePackCode.Map32);
        }
    }

    public void WriteExtensionHeader(ExtensionHeader header)
    {
        var fixCode = header.Length switch
        {
            1 => MessagePackCode.FixExt1,
            2 => MessagePackCode.FixExt2,
            4 => MessagePackCode.FixExt4,
            8 => MessagePackCode.FixExt8,
            16 => MessagePackCode.FixExt16,
            _ => (byte)0,
        };
        if (fixCode != 0)
        {
            var span = Reserve(2);
            span[0] = fixCode;
            span[1] = unchecked((byte)header.TypeCode);
        }
        else if (header.Length <= byte.MaxValue)
        {
            var span = Reserve(3);
            span[0] = MessagePackCode.Ext8;
            span[1] = (byte)header.Length;
            span[2] = unchecked((byte)header.TypeCode);
        }
        else if (header.Length <= ushort.MaxValue)
        {
            var span = Reserve(4);
            span[0] = MessagePackCode.Ext16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)header.Length);
            span[3] = unchecked((byte)header.TypeCode);
        }
        else
        {
            var span = Reserve(6);
            span[0] = MessagePackCode.Ext32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], header.Length);
            span[5] = unchecked((byte)header.TypeCode);
        }
    }

    public void WriteExtension(sbyte typeCode, scoped ReadOnlySpan<byte> payload)
    {
        WriteExtensionHeader(new ExtensionHeader(typeCode, (uint)payload.Length));
        WriteRaw(payload);
    }

    /// <summary>Writes a timestamp in the smallest of its three layouts (32, 64 or 96 bits).</summary>
    public void Write(MessagePackTimestamp value)
    {
        if (value.Seconds >= 0 && (value.Seconds >> 34) == 0)
        {
            var packed = ((ulong)value.Nanoseconds << 34) | (ulong)value.Seconds;
            if ((packed & 0xffffffff00000000UL) == 0)
            {
                WriteExtensionHeader(new ExtensionHeader(MessagePackCode.TimestampExtension, 4));
                BinaryPrimitives.WriteUInt32BigEndian(Reserve(4), (uint)packed);
            }
            else
            {
                WriteExtensionHeader(new ExtensionHeader(MessagePackCode.TimestampExtension, 8));
                BinaryPrimitives.WriteUInt64BigEndian(Reserve(8), packed);
            }

            return;
        }

        WriteExtensionHeader(new ExtensionHeader(MessagePackCode.TimestampExtension, 12));
        var span = Reserve(12);
        BinaryPrimitives.WriteUInt32BigEndian(span, value.Nanoseconds);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], value.Seconds);
    }

    /// <summary>Copies bytes that are already MessagePack (or an extension payload) as they are.</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_span.Length - _buffered == 0)
            {
                Grow(Math.Min(bytes.Length, 64 * 1024));
            }

            var free = _span[_buffered..];
            var count = Math.Min(free.Length, bytes.Length);
            bytes[..count].CopyTo(free);
            _buffered += count;
            bytes = bytes[count..];
        }
    }

    private void WriteLength(int length, byte code16, byte code32)
    {
        if (length <= ushort.MaxValue)
        {
            var span = Reserve(3);
            span[0] = code16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length);
        }
        else
        {
            var span = Reserve(5);
            span[0] = code32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int count)
    {
        if (_span.Length - _buffered < count)
        {
            Grow(count);
        }

        var span = _span.Slice(_buffered, count);
        _buffered += count;
        return span;
    }

    private void Grow(int count)
    {
        if (_buffered > 0)
        {
            _output.Advance(_buffered);
            _buffered = 0;
        }

        _span = _output.GetSpan(Math.Max(count, MinimumSpan));
    }
}
