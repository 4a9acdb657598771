using System.Buffers;
using P2C2R.Actors;
using P2C2R.MessagePack;
using P2C2R.Remote.Serialization;

namespace P2C2R.Remote;

/// <summary>
/// Actor refs in the context of one association. Writing uses path bytes cached per ref; reading
/// looks the path up in a cache keyed by its text without allocating a string on a hit, so a
/// steady conversation resolves its refs for free. A ref read from the remote system's own
/// address is bound to that system's current incarnation.
/// </summary>
internal sealed class AssociationWireContext(RemoteTransport transport, Association association) : WireContext
{
    private const int MaximumCachedRefs = 4096;
    private readonly Dictionary<string, IActorRef> _refs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public override void WriteRef(ref MessagePackWriter writer, IActorRef? actor)
    {
        switch (actor)
        {
            case null:
                writer.WriteNil();
                break;
            case RemoteActorRef remote:
                writer.WriteString(remote.WireUtf8);
                break;
            case ActorRefBase local:
                writer.WriteString(transport.LocalWireUtf8(local));
                break;
            default:
                throw new ArgumentException($"{actor} is not a ref of this runtime");
        }
    }

    public override IActorRef? ReadRef(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        var offset = reader.Offset;
        var utf8 = reader.ReadStringBytes();
        var length = checked((int)utf8.Length);
        if (length > PathText.StackLimit)
        {
            return Resolve(PathText.Decode(utf8, offset), offset);
        }

        Span<char> chars = stackalloc char[PathText.StackLimit];
        var count = PathText.DecodeInto(utf8, chars, offset);
        var text = chars[..count];
        lock (_gate)
        {
            if (_refs.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var cached) &&
                cached is not ActorRefBase { IsTerminated: true })
            {
                return cached;
            }
        }

        return Resolve(text.ToString(), offset);
    }

    private IActorRef Resolve(string text, long offset)
    {
        if (!RemotePath.TryParse(text, out var path))
        {
            throw new WireFormatException($"[{text}] is not an actor path", offset);
        }

        IActorRef resolved;
        if (path.Address == transport.Address)
        {
            var local = transport.System.ResolveLocal(path.Elements);
            resolved = local is not null && (path.Uid == 0 || local.Uid == path.Uid)
                ? local
                : new MissingActorRef(transport.System, transport.LocalPath(path.Elements), path.Uid);
        }
        else
        {
            var incarnation = path.Address == association.RemoteAddress ? association.RemoteUid : 0;
            resolved = new RemoteActorRef(transport, path, incarnation);
        }

        lock (_gate)
        {
            if (_refs.Count >= MaximumCachedRefs)
            {
                _refs.Clear();
            }

            _refs[text] = resolved;
        }

        return resolved;
    }

    /// <summary>Forgets refs bound to an earlier incarnation of the remote system.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _refs.Clear();
        }
    }
}
