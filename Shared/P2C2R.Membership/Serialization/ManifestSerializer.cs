using System.Collections.Frozen;
using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;

namespace P2C2R.Membership.Serialization;

/// <summary>
/// The mechanics of our one Akka serializer, shared by every kind of cluster member: MessagePack
/// arrays under fixed string manifests, one table per process. A coordinator's table holds its
/// journal rows, its messages between nodes and the edge contracts; a member helper's only what it
/// exchanges with coordinators. Both carry identifier <see cref="Id"/> and write a shared manifest
/// the same way, so to Akka.Remote they are one serializer seen through two tables, and journal
/// rows written under 7701 stay readable. Only types in the table are written or read: an unknown
/// manifest is refused instead of letting bytes name a type to build, and every read is hardened
/// (<see cref="MessagePackSecurity.UntrustedData"/>) and bounded in size, since a row or a remote
/// frame is still bytes from outside this process.
/// </summary>
public abstract class ManifestSerializer : SerializerWithStringManifest
{
    /// <summary>The identifier journal rows and remote messages carry; never changed.</summary>
    public const int Id = 7701;

    /// <summary>No row or message of ours comes near this (a world snapshot is the largest, well under 16 MiB).</summary>
    public const int MaxPayloadBytes = 64 << 20;

    private readonly MessagePackSerializerOptions _options;
    private readonly FrozenDictionary<string, Type> _typeOfManifest;
    private readonly FrozenDictionary<Type, string> _manifestOfType;

    /// <param name="system">The actor system the serializer belongs to.</param>
    /// <param name="table">Every manifest this serializer reads and writes, with its type.</param>
    /// <param name="formatters">Formatters for types nested in messages (edge messages are always handled).</param>
    protected ManifestSerializer(ExtendedActorSystem system, IEnumerable<(string Manifest, Type Type)> table, IReadOnlyList<IMessagePackFormatter> formatters)
        : base(system)
    {
        var rows = table.ToList();
        _typeOfManifest = rows.ToFrozenDictionary(e => e.Manifest, e => e.Type, StringComparer.Ordinal);
        _manifestOfType = rows.ToFrozenDictionary(e => e.Type, e => e.Manifest);
        _options = MessagePackSerializerOptions.Standard
            .WithResolver(CompositeResolver.Create([.. formatters, EdgeMessageFormatter.Instance], [StandardResolver.Instance]))
            .WithSecurity(MessagePackSecurity.UntrustedData);
    }

    public sealed override int Identifier => Id;

    public sealed override string Manifest(object o) =>
        _manifestOfType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new SerializationException($"{o.GetType()} has no manifest in the P2C2R serializer's table");

    public sealed override byte[] ToBinary(object obj) =>
        _manifestOfType.ContainsKey(obj.GetType())
            ? MessagePackSerializer.Serialize(obj.GetType(), obj, _options)
            : throw new SerializationException($"{obj.GetType()} has no manifest in the P2C2R serializer's table");

    public sealed override object FromBinary(byte[] bytes, string manifest)
    {
        if (!_typeOfManifest.TryGetValue(manifest, out var type))
        {
            throw new SerializationException($"unknown manifest '{manifest}'");
        }

        if (bytes.Length > MaxPayloadBytes)
        {
            throw new SerializationException($"a {manifest} of {bytes.Length} bytes is over the limit of {MaxPayloadBytes}");
        }

        try
        {
            return MessagePackSerializer.Deserialize(type, bytes, _options)
                ?? throw new SerializationException($"a {manifest} decoded to nothing");
        }
        catch (MessagePackSerializationException error)
        {
            throw new SerializationException($"a {manifest} does not decode: {error.Message}", error);
        }
    }
}
