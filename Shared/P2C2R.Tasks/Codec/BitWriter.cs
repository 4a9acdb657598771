namespace P2C2R.Tasks.Codec;

/// <summary>
/// LSB-first bit packing as DEFLATE defines it (RFC 1951 §3.1.1), through a 64-bit accumulator
/// so a write is a shift and an or; whole bytes leave the accumulator eight at a time.
/// </summary>
internal sealed class BitWriter
{
    private byte[] _buffer = [];
    private ulong _bits;
    private int _count;

    public int Length { get; private set; }

    public void Reset(int capacity)
    {
        if (_buffer.Length < capacity)
        {
            _buffer = new byte[capacity];
        }

        Length = 0;
        _bits = 0;
        _count = 0;
    }

    /// <summary>Appends the low <paramref name="count"/> bits of <paramref name="value"/> (count ≤ 32).</summary>
    public void Write(uint value, int count)
    {
        _bits |= (ulong)value << _count;
        _count += count;
        if (_count >= 32)
        {
            EnsureCapacity(4);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(Length), (uint)_bits);
            Length += 4;
            _bits >>= 32;
            _count -= 32;
        }
    }

    /// <summary>Pads to a byte boundary with zero bits.</summary>
    public void AlignToByte()
    {
        while (_count > 0)
        {
            EnsureCapacity(1);
            _buffer[Length++] = (byte)_bits;
            _bits >>= 8;
            _count = Math.Max(0, _count - 8);
        }

        _bits = 0;
    }

    public void WriteAlignedBytes(ReadOnlySpan<byte> bytes)
    {
        EnsureCapacity(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    public byte[] ToArray() => _buffer.AsSpan(0, Length).ToArray();

    private void EnsureCapacity(int extra)
    {
        if (Length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + extra + 1024));
        }
    }
}
