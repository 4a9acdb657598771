using System.Buffers;
using P2C2R.MessagePack;

namespace P2C2R.Persistence;

/// <summary>A snapshot's stored bytes: <c>[typeId: str, state: bin]</c>, so the state can be read back without knowing its type up front.</summary>
public static class SnapshotPayload
{
    public static byte[] Encode(IEventSerializer serializer, object state)
    {
        var body = serializer.Serialize(state, out var typeId);
        var buffer = new ArrayBufferWriter<byte>(body.Length + 64);
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(2);
        writer.Write(typeId);
        writer.WriteBinary(body);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static object Decode(IEventSerializer serializer, byte[] payload)
    {
        var reader = new MessagePackReader(payload);
        if (reader.ReadArrayHeader() != 2)
        {
            throw new InvalidDataException("a snapshot is [typeId, state]");
        }

        var typeId = reader.ReadString() ?? throw new InvalidDataException("a snapshot has no type id");
        return serializer.Deserialize(typeId, reader.ReadBinary().ToArray());
    }
}
