using P2C2R.Actors;
using P2C2R.MessagePack;
using P2C2R.Remote.Serialization;

namespace P2C2R.Remote;

/// <summary>
/// The body of a Message frame: <c>[recipient path, recipient uid, sender ref or nil, type id,
/// message]</c>. DeathWatch envelopes use the reserved type ids 1–3 and a nil message.
/// </summary>
internal static class Envelope
{
    public const int FieldCount = 5;

    public static void Write(
        ref MessagePackWriter writer, ReadOnlySpan<byte> recipientUtf8, long recipientUid, IActorRef? sender,
        EnvelopeKind kind, MessageType? type, object message, WireContext context)
    {
        writer.WriteArrayHeader(FieldCount);
        writer.WriteString(recipientUtf8);
        writer.Write(recipientUid);
        context.WriteRef(ref writer, sender);
        if (type is null)
        {
            writer.Write((int)kind);
            writer.WriteNil();
        }
        else
        {
            writer.Write(type.Id);
            type.WriteBoxed(ref writer, message, context);
        }
    }
}
