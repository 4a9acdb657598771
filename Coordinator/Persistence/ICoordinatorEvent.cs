namespace P2C2R.Coordinator.Persistence;

/// <summary>
/// Marks what the coordinator journals (events and snapshots). The marker is bound to
/// <see cref="Serialization.P2C2RSerializer"/> in <c>serialization-bindings</c>, so every row of
/// the journal is written by one MessagePack serializer under a fixed manifest
/// (<see cref="CoordinatorEventTable"/>), never by a serializer that names CLR types.
/// </summary>
public interface ICoordinatorEvent;
