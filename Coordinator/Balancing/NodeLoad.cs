using MessagePack;
using P2C2R.Coordinator.Serialization;

namespace P2C2R.Coordinator.Balancing;

/// <summary>
/// One coordinator node's load, published by its <see cref="HelperBalancer"/> every few seconds to
/// every node of the cluster (Akka's distributed pub-sub, topic <see cref="HelperBalancer.Topic"/>),
/// so each node can tell whether it holds more helpers than its sessions' share, and where helpers
/// are needed. <see cref="Node"/> is the node's cluster address; <see cref="EdgeAddress"/> the
/// <c>host:port</c> helpers dial to reach its edge (empty: unknown, so no helper is sent there);
/// <see cref="Helpers"/> counts its connected helpers that are not quarantined.
/// </summary>
[MessagePackObject]
public sealed record NodeLoad(
    [property: Key(0)] string Node,
    [property: Key(1)] string EdgeAddress,
    [property: Key(2)] int Sessions,
    [property: Key(3)] int Helpers) : ICoordinatorMessage;
