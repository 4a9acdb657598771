using P2C2R.MessagePack;

namespace P2C2R.Remote.Serialization;

/// <summary>A registered message type: its stable id, its name (for permissions and logs) and its formatter.</summary>
public abstract class MessageType(int id, string name, Type clrType, MessageLane lane)
{
    public int Id { get; } = id;
    public string Name { get; } = name;
    public Type ClrType { get; } = clrType;
    public MessageLane Lane { get; } = lane;

    public abstract void WriteBoxed(ref MessagePackWriter writer, object message, WireContext context);

    public abstract object ReadBoxed(ref MessagePackReader reader, WireContext context);

    public override string ToString() => $"{Name} (#{Id}, {ClrType.Name})";
}

internal sealed class MessageType<T>(int id, string name, IMessageFormatter<T> formatter, MessageLane lane)
    : MessageType(id, name, typeof(T), lane)
    where T : notnull
{
    public override void WriteBoxed(ref MessagePackWriter writer, object message, WireContext context) =>
        formatter.Write(ref writer, (T)message, context);

    public override object ReadBoxed(ref MessagePackReader reader, WireContext context) => formatter.Read(ref reader, context);
}

/// <summary>
/// Which outbound queue a type travels in. Bulk types (frames, big task payloads) have their
/// own lane, sent a fragment at a time between ordinary messages, so a megabyte never holds
/// up a heartbeat or a small command. Order is kept within a lane, not across lanes.
/// </summary>
public enum MessageLane
{
    Ordinary,
    Bulk,
}
