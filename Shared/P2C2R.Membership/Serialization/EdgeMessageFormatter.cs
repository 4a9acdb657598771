using MessagePack;
using MessagePack.Formatters;
using P2C2R.Protocol;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Membership.Serialization;

/// <summary>
/// Writes an edge message nested in another (a gamer's request inside a message between
/// coordinator nodes) as <c>[manifest, message]</c>, the manifest from the edge's fixed table: a
/// request travels to the node hosting its session without a union list to keep in step with the
/// protocol, and a manifest outside the table is refused.
/// </summary>
public sealed class EdgeMessageFormatter : IMessagePackFormatter<IEdgeMessage?>
{
    public static EdgeMessageFormatter Instance { get; } = new();

    public void Serialize(ref MessagePackWriter writer, IEdgeMessage? value, MessagePackSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        if (!EdgeMessageTable.TryGet(value.GetType(), out var type))
        {
            throw new MessagePackSerializationException($"{value.GetType()} is not an edge message");
        }

        writer.WriteArrayHeader(2);
        writer.Write(type.Manifest);
        MessagePackSerializer.Serialize(type.Type, ref writer, value, options);
    }

    public IEdgeMessage? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        if (reader.ReadArrayHeader() != 2)
        {
            throw new MessagePackSerializationException("an edge message is [manifest, message]");
        }

        var manifest = reader.ReadString() ?? "";
        if (!EdgeMessageTable.TryGet(manifest, out var type))
        {
            throw new MessagePackSerializationException($"unknown edge manifest '{manifest}'");
        }

        return (IEdgeMessage?)MessagePackSerializer.Deserialize(type.Type, ref reader, options);
    }
}
