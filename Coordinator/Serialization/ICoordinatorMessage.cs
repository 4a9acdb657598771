namespace P2C2R.Coordinator.Serialization;

/// <summary>
/// A message one coordinator node may send another over Akka.Remote (to a session entity, a
/// gamer's account, the ledger singleton, a helper's standing, every node's balancer). Marked so
/// that Akka binds it to <see cref="P2C2RSerializer"/> and never falls back on a serializer that
/// builds whatever type the bytes name; each such type has a fixed manifest in
/// <see cref="CoordinatorMessageTable"/>.
/// </summary>
public interface ICoordinatorMessage;
