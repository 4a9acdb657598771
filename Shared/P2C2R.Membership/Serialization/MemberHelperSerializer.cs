using Akka.Actor;
using Akka.Configuration;
using P2C2R.Membership.Contracts;
using P2C2R.Protocol;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Membership.Serialization;

/// <summary>
/// A member helper's Akka serializer: the edge contracts and <see cref="IMemberHelperMessage"/>s,
/// all it ever exchanges with coordinators, under the manifests and identifier a coordinator's
/// serializer uses for them. Its system has no journal and no coordinator messages, so those
/// manifests are unknown here and refused. <see cref="Bindings"/> binds both markers to it, so no
/// message of ours between a helper and a coordinator falls back on a serializer that builds
/// whatever type the bytes name.
/// </summary>
public sealed class MemberHelperSerializer(ExtendedActorSystem system) : ManifestSerializer(system, Table(), [])
{
    private const string SerializerType = "\"P2C2R.Membership.Serialization.MemberHelperSerializer, P2C2R.Membership\"";

    /// <summary>Binds the edge contracts and <see cref="IMemberHelperMessage"/> to this serializer (identifier 7701).</summary>
    public static Config Bindings { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.p2c2r = {{SerializerType}}
          serialization-identifiers { {{SerializerType}} = {{Id}} }
          serialization-bindings {
            "{{typeof(IEdgeMessage).FullName}}, P2C2R.Protocol" = p2c2r
            "{{typeof(IMemberHelperMessage).FullName}}, P2C2R.Membership" = p2c2r
          }
        }
        """);

    /// <summary>Every manifest a member helper reads and writes, with its type.</summary>
    public static IEnumerable<(string Manifest, Type Type)> Table() =>
        EdgeMessageTable.All.Select(e => (e.Manifest, e.Type)).Concat(MemberHelperMessageTable.All);
}
