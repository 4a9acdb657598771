using System.Collections.Frozen;
using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using MessagePack;
using MessagePack.Resolvers;
using P2C2R.Coordinator.Persistence;
using P2C2R.Protocol;

namespace P2C2R.Coordinator.Serialization;

/// <summary>
/// The one Akka serializer of ours: journal rows (<see cref="ICoordinatorEvent"/>) and edge
/// contracts between coordinator nodes (<see cref="Protocol.Contracts.IEdgeMessage"/>) as
/// MessagePack arrays under fixed manifests. Only types in the table are written or read: an
/// unknown manifest is refused instead of letting bytes name a type to build, and every read is
/// hardened (<see cref="MessagePackSecurity.UntrustedData"/>) and bounded in size, since a row or a
/// remote frame is still bytes from outside this process.
/// </summary>
public sealed class P2C2RSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 7701;

    /// <summary>No row or message of ours comes near this (a world snapshot is the largest, well under 16 MiB).</summary>
    public const int MaxPayloadBytes = 64 << 20;

    private static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard
        .WithResolver(StandardResolver.Instance)
        .WithSecurity(MessagePackSecurity.UntrustedData);

    private static readonly FrozenDictionary<string, Type> TypeOfManifest = Table().ToFrozenDictionary(e => e.Manifest, e => e.Type, StringComparer.Ordinal);
    private static readonly FrozenDictionary<Type, string> ManifestOfType = Table().ToFrozenDictionary(e => e.Type, e => e.Manifest);

    public override int Identifier => Id;

    /// <summary>Every manifest this serializer reads and writes, with its type.</summary>
    public static IEnumerable<(string Manifest, Type Type)> Table() =>
        CoordinatorEventTable.All.Concat(CoordinatorMessageTable.All).Concat(EdgeMessageTable.All.Select(e => (e.Manifest, e.Type)));

    public override string Manifest(object o) =>
        ManifestOfType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new SerializationException($"{o.GetType()} has no manifest in the P2C2R serializer's table");

    public override byte[] ToBinary(object obj) =>
        ManifestOfType.ContainsKey(obj.GetType())
            ? MessagePackSerializer.Serialize(obj.GetType(), obj, Options)
            : throw new SerializationException($"{obj.GetType()} has no manifest in the P2C2R serializer's table");

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!TypeOfManifest.TryGetValue(manifest, out var type))
        {
            throw new SerializationException($"unknown manifest '{manifest}'");
        }

        if (bytes.Length > MaxPayloadBytes)
        {
            throw new SerializationException($"a {manifest} of {bytes.Length} bytes is over the limit of {MaxPayloadBytes}");
        }

        try
        {
            return MessagePackSerializer.Deserialize(type, bytes, Options)
                ?? throw new SerializationException($"a {manifest} decoded to nothing");
        }
        catch (MessagePackSerializationException error)
        {
            throw new SerializationException($"a {manifest} does not decode: {error.Message}", error);
        }
    }
}
