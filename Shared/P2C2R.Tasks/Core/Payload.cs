using System.Buffers;
using MessagePack;

namespace P2C2R.Tasks;

/// <summary>
/// Encodes and decodes task payloads. Decoding insists on exactly one value with nothing after
/// it, and turns every wire error into a <see cref="TaskInputException"/> with its offset: the
/// reader's own errors (a wrong type code, input that ends early, an integer out of range for its
/// field) and those of <see cref="StrictReads"/>.
/// </summary>
public static class Payload
{
    /// <summary>
    /// A per-thread scratch buffer: frames and scenes are hundreds of kilobytes, and growing a
    /// fresh buffer for each would allocate several times the payload on the large object heap.
    /// The only allocation left is the returned array.
    /// </summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? s_scratch;

    public static byte[] Encode<T>(T payload) where T : ITaskPayload<T> => EncodeToScratch(payload).ToArray();

    /// <summary>True when <paramref name="payload"/> encodes to exactly <paramref name="bytes"/> (the canonical-form check), with no copy made.</summary>
    public static bool IsEncodingOf<T>(T payload, ReadOnlySpan<byte> bytes) where T : ITaskPayload<T> =>
        EncodeToScratch(payload).SequenceEqual(bytes);

    /// <summary>The encoding, valid until this thread's next encode.</summary>
    private static ReadOnlySpan<byte> EncodeToScratch<T>(T payload) where T : ITaskPayload<T>
    {
        var buffer = s_scratch ??= new ArrayBufferWriter<byte>(64 * 1024);
        buffer.ResetWrittenCount();
        var writer = new MessagePackWriter(buffer);
        payload.Write(ref writer);
        writer.Flush();
        return buffer.WrittenSpan;
    }

    public static T Decode<T>(ReadOnlyMemory<byte> bytes) where T : ITaskPayload<T>
    {
        var reader = new MessagePackReader(bytes);
        try
        {
            var value = T.Read(ref reader);
            TaskInputException.Require(reader.End, $"{bytes.Length - reader.Consumed} bytes follow the {typeof(T).Name}");
            return value;
        }
        catch (Exception error) when (error is MessagePackSerializationException or EndOfStreamException or OverflowException)
        {
            throw new TaskInputException($"malformed {typeof(T).Name}: {Describe(error)} (reading stopped at byte {reader.Consumed})");
        }
    }

    /// <summary>Reads an array header and checks it has at least the fields this version knows.</summary>
    public static int ReadFields(ref MessagePackReader reader, int expected, string type)
    {
        var count = reader.ReadArrayHeader();
        TaskInputException.Require(count == expected, $"{type} has {count} fields; expected {expected}");
        return count;
    }

    /// <summary>A binary field copied out, after checking its exact length.</summary>
    public static byte[] ReadBytes(ref MessagePackReader reader, string field, int? exactLength = null, int maxLength = int.MaxValue)
    {
        var bytes = reader.ReadBinary();
        TaskInputException.Require(exactLength is null || bytes.Length == exactLength, $"{field} has {bytes.Length} bytes; expected {exactLength}");
        TaskInputException.Require(bytes.Length <= maxLength, $"{field} has {bytes.Length} bytes; at most {maxLength} allowed");
        var copy = DecodeArena.Rent(checked((int)bytes.Length));
        bytes.CopyTo(copy);
        return copy;
    }

    /// <summary>A binary field of little-endian int32 values; <paramref name="count"/>, when given, is required.</summary>
    public static int[] ReadInts(ref MessagePackReader reader, string field, int? count = null)
    {
        var bytes = reader.ReadBinary();
        TaskInputException.Require(bytes.Length % 4 == 0, $"{field} has {bytes.Length} bytes; not a whole number of int32 values");
        TaskInputException.Require(count is null || bytes.Length == (long)count * 4, $"{field} has {bytes.Length} bytes; expected {count} int32 values ({(long)(count ?? 0) * 4} bytes)");
        var values = new int[bytes.Length / 4];
        bytes.CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(values, values);
        }

        return values;
    }

    public static void WriteInts(ref MessagePackWriter writer, ReadOnlySpan<int> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
            return;
        }

        var copy = values.ToArray();
        System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(copy, copy);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(copy.AsSpan()));
    }

    private static string Describe(Exception error) => error switch
    {
        EndOfStreamException => "input ends early",
        OverflowException => "an integer is out of range for its field",
        _ => error.Message,
    };
}
