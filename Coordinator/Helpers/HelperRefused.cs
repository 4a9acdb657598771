namespace P2C2R.Coordinator.Helpers;

/// <summary>
/// Registry → helper connection, instead of <see cref="Protocol.Contracts.HelperAccepted"/>: the
/// helper cannot be admitted now (its standing could not be read, so whether it is quarantined is
/// unknown). The connection closes; the helper dials again and is read afresh.
/// </summary>
public sealed record HelperRefused(string Reason);
