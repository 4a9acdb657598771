using Akka.Actor;
using MessagePack;
using MessagePack.Formatters;

namespace P2C2R.Coordinator.Serialization;

/// <summary>
/// Writes an actor reference as its full remote path and reads it back through
/// <paramref name="system"/>'s provider, so a message between coordinator nodes can name the
/// gamer connection its frames go to. Only ever used between coordinator nodes: the edge never
/// carries an actor's name.
/// </summary>
public sealed class ActorRefFormatter(ExtendedActorSystem system) : IMessagePackFormatter<IActorRef?>
{
    public void Serialize(ref MessagePackWriter writer, IActorRef? value, MessagePackSerializerOptions options)
    {
        if (value is null || value.IsNobody())
        {
            writer.WriteNil();
            return;
        }

        writer.Write(Akka.Serialization.Serialization.SerializedActorPath(value));
    }

    public IActorRef? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        reader.TryReadNil() ? ActorRefs.Nobody : system.Provider.ResolveActorRef(reader.ReadString());
}
