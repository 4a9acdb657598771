using MessagePack;
using P2C2R.Coordinator.Persistence;

namespace P2C2R.Coordinator.Helpers;

/// <summary>Journalled when a helper (account/name) is first seen: its id is kept for good.</summary>
[MessagePackObject]
public sealed record HelperEnrolled(
    [property: Key(0)] string Key,
    [property: Key(1)] long Id) : ICoordinatorEvent;

/// <summary>
/// Journalled at most once a second per helper whose standing moved; quarantine until, in UTC
/// ticks. <see cref="ValidRun"/> was appended later: rows written before it read as a run of 0,
/// so a helper recovered from them proves itself again before it is trusted.
/// </summary>
[MessagePackObject]
public sealed record ReputationChanged(
    [property: Key(0)] string Key,
    [property: Key(1)] double Reputation,
    [property: Key(2)] long Validated,
    [property: Key(3)] long Rejected,
    [property: Key(4)] long QuarantinedUntilTicks,
    [property: Key(5)] long ValidRun = 0) : ICoordinatorEvent;
