using System.Buffers;
using Microsoft.Extensions.Logging;
using P2C2R.Actors;
using P2C2R.MessagePack;
using P2C2R.Remote.Transport;

namespace P2C2R.Remote;

internal sealed partial class Association
{
    /// <summary>Handles one inbound frame on the connection's read loop (after the handshake).</summary>
    public void OnFrame(Connection connection, FrameKind kind, ReadOnlySequence<byte> body)
    {
        switch (kind)
        {
            case FrameKind.Message:
                Deliver(body);
                break;
            case FrameKind.Fragment:
                if (connection.Fragments.TryAdd(body, _transport.Settings.MaximumMessageSize, out var whole))
                {
                    Deliver(new ReadOnlySequence<byte>(whole));
                }

                break;
            case FrameKind.Heartbeat:
                OnHeartbeat();
                break;
            case FrameKind.Disassociate:
                var reader = new MessagePackReader(body);
                var reason = reader.End ? "" : reader.ReadString();
                connection.Close($"{RemoteAddress} disassociated: {reason}", error: false);
                _transport.OnRemoteShutdown(this);
                break;
            default:
                throw new FrameException($"{kind} frame after the handshake");
        }
    }

    /// <summary>
    /// Decodes an envelope and hands the message to its local recipient. A message a restricted
    /// role may not send, or of an unregistered type, is dropped and logged; malformed bytes
    /// throw and close the connection.
    /// </summary>
    private void Deliver(ReadOnlySequence<byte> body)
    {
        var reader = new MessagePackReader(body);
        var fields = reader.ReadArrayHeader();
        if (fields < Envelope.FieldCount)
        {
            throw new WireFormatException($"an envelope has {Envelope.FieldCount} fields, this one {fields}", 0);
        }

        var recipientOffset = reader.Offset;
        var target = Recipients.Resolve(reader.ReadStringBytes(), RemoteRole, recipientOffset);
        var recipientUid = reader.ReadInt64();
        var sender = Context.ReadRef(ref reader);
        var typeOffset = reader.Offset;
        var typeId = reader.ReadInt32();
        if (!target.PathAllowed)
        {
            reader.Skip();
            Refuse(typeId, target.Elements, "its path is not open to the role");
            return;
        }

        var recipient = target.Actor is { IsTerminated: false } live && (recipientUid == 0 || live.Uid == recipientUid) ? live : null;
        switch ((EnvelopeKind)typeId)
        {
            case EnvelopeKind.Watch:
                reader.Skip();
                OnWatch(recipient, target.Elements, recipientUid, sender as ActorRefBase);
                return;
            case EnvelopeKind.Unwatch:
                reader.Skip();
                if (recipient is not null && sender is ActorRefBase unwatcher)
                {
                    recipient.SendSystemMessage(new Unwatch(recipient, unwatcher));
                }

                return;
            case EnvelopeKind.DeathWatchNotification:
                reader.Skip();
                if (recipient is not null && sender is RemoteActorRef dead)
                {
                    _transport.Watcher.Remove(dead, recipient);
                    recipient.SendSystemMessage(new DeathWatchNotification(dead));
                }

                return;
        }

        if (!_transport.Registry.TryGet(typeId, out var type))
        {
            reader.Skip();
            _log.LogWarning("Dropped a message of unregistered type id {TypeId} from {Remote} to {Recipient} (at byte {Offset})", typeId, RemoteAddress, target.Elements, typeOffset);
            return;
        }

        if (_restricted && !_transport.Settings.Permissions.AllowsMessage(RemoteRole, type.Name))
        {
            reader.Skip();
            Refuse(typeId, target.Elements, $"message {type.Name} is not open to the role");
            return;
        }

        object message;
        try
        {
            message = type.ReadBoxed(ref reader, Context);
        }
        catch (Exception exception) when (exception is not WireFormatException)
        {
            throw new WireFormatException($"{type.Name} could not be read: {exception.Message}", typeOffset);
        }

        if (recipient is null)
        {
            _transport.System.DeadLetterOffice.Publish(message, sender, target.Actor ?? _transport.System.DeadLetters,
                $"no live actor at {target.Elements}{(recipientUid == 0 ? "" : "#" + recipientUid)}");
            return;
        }

        recipient.Tell(message, sender);
    }

    private void OnWatch(ActorRefBase? watchee, string elements, long uid, ActorRefBase? watcher)
    {
        if (watcher is null)
        {
            return;
        }

        if (watchee is not null)
        {
            watchee.SendSystemMessage(new Watch(watchee, watcher));
        }
        else
        {
            watcher.SendSystemMessage(new DeathWatchNotification(new MissingActorRef(_transport.System, _transport.LocalPath(elements), uid)));
        }
    }

    private void Refuse(int typeId, string path, string why) =>
        _log.LogWarning(
            "Dropped a message (type id {TypeId}) from {Remote}, role '{Role}', to {Recipient}: {Reason}",
            typeId, RemoteAddress, RemoteRole, path, why);
}
