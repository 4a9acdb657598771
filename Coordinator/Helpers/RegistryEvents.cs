using MessagePack;
using P2C2R.Coordinator.Persistence;

namespace P2C2R.Coordinator.Helpers;

/// <summary>
/// Once journalled by the single-node registry when a helper (account/name) was first seen, to keep
/// its id. Nothing writes it any more (helper ids are node-local now; standings live in
/// <see cref="HelperStanding"/>), but it stays in <see cref="CoordinatorEventTable"/> because old
/// journals still hold rows under its manifest.
/// </summary>
[MessagePackObject]
public sealed record HelperEnrolled(
    [property: Key(0)] string Key,
    [property: Key(1)] long Id) : ICoordinatorEvent;

/// <summary>
/// A helper's standing, as its <see cref="HelperStanding"/> journals it: told by a node's registry
/// at most once a second per helper whose standing moved, and at once when a rejection quarantines
/// it; quarantine until, in UTC ticks. <see cref="ValidRun"/> was appended later: rows written
/// before it read as a run of 0, so a helper recovered from them proves itself again before it is
/// trusted. Rows written by the single-node registry are under its persistence id "registry" and
/// are no longer read: helpers start from a fresh standing there (as with a new journal).
/// </summary>
[MessagePackObject]
public sealed record ReputationChanged(
    [property: Key(0)] string Key,
    [property: Key(1)] double Reputation,
    [property: Key(2)] long Validated,
    [property: Key(3)] long Rejected,
    [property: Key(4)] long QuarantinedUntilTicks,
    [property: Key(5)] long ValidRun = 0) : ICoordinatorEvent;
