using P2C2R.MessagePack;

namespace P2C2R.Remote.Serialization;

/// <summary>
/// Writes and reads one message type. Formatters are written by hand (no reflection at run time)
/// and registered once under a stable type id in a <see cref="MessageRegistry"/>.
/// </summary>
public interface IMessageFormatter<T>
{
    void Write(ref MessagePackWriter writer, T value, WireContext context);

    T Read(ref MessagePackReader reader, WireContext context);
}

/// <summary>Writes a message's fields (the array header is written for it).</summary>
public delegate void WriteFields<in T>(ref MessagePackWriter writer, T value, WireContext context);

/// <summary>Reads a message's fields in order (the array header has been read and checked).</summary>
public delegate T ReadFields<out T>(ref MessagePackReader reader, WireContext context);
