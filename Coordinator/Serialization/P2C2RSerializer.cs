using Akka.Actor;
using P2C2R.Coordinator.Persistence;
using P2C2R.Membership.Contracts;
using P2C2R.Membership.Serialization;
using P2C2R.Protocol;

namespace P2C2R.Coordinator.Serialization;

/// <summary>
/// The coordinator's Akka serializer (identifier 7701, <see cref="ManifestSerializer"/>): journal
/// rows (<see cref="ICoordinatorEvent"/>), messages between coordinator nodes
/// (<see cref="ICoordinatorMessage"/>), the edge contracts they carry
/// (<see cref="Protocol.Contracts.IEdgeMessage"/>) and what member helpers send its gate
/// (<see cref="IMemberHelperMessage"/>), as MessagePack arrays under fixed manifests. Actor
/// references inside messages between nodes travel as paths resolved by this node's system.
/// </summary>
public sealed class P2C2RSerializer(ExtendedActorSystem system) : ManifestSerializer(system, Table(), [new ActorRefFormatter(system)])
{
    /// <summary>Every manifest this serializer reads and writes, with its type.</summary>
    public static IEnumerable<(string Manifest, Type Type)> Table() =>
        CoordinatorEventTable.All
            .Concat(CoordinatorMessageTable.All)
            .Concat(EdgeMessageTable.All.Select(e => (e.Manifest, e.Type)))
            .Concat(MemberHelperMessageTable.All);
}
