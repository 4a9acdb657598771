using P2C2R.MessagePack;

namespace P2C2R.Remote.Serialization;

/// <summary>
/// The layout of every protocol message: a MessagePack array of its fields in a fixed order.
/// Readers accept extra trailing fields and skip them, so a newer sender may append fields
/// without breaking an older receiver.
/// </summary>
public sealed class ArrayFormatter<T>(int fieldCount, WriteFields<T> write, ReadFields<T> read) : IMessageFormatter<T>
{
    public int FieldCount { get; } = fieldCount;

    public void Write(ref MessagePackWriter writer, T value, WireContext context)
    {
        writer.WriteArrayHeader(FieldCount);
        write(ref writer, value, context);
    }

    public T Read(ref MessagePackReader reader, WireContext context)
    {
        var offset = reader.Offset;
        var count = reader.ReadArrayHeader();
        if (count < FieldCount)
        {
            throw new WireFormatException($"{typeof(T).Name} needs {FieldCount} fields but the array has {count}", offset);
        }

        reader.EnterNested();
        var value = read(ref reader, context);
        for (var i = FieldCount; i < count; i++)
        {
            reader.Skip();
        }

        reader.ExitNested();
        return value;
    }
}
