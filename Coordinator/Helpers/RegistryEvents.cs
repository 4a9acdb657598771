namespace P2C2R.Coordinator.Helpers;

/// <summary>Journalled when a helper (account/name) is first seen: its id is kept for good.</summary>
public sealed record HelperEnrolled(string Key, long Id);

/// <summary>Journalled at most once a second per helper whose standing moved; quarantine until, in UTC ticks.</summary>
public sealed record ReputationChanged(string Key, double Reputation, long Validated, long Rejected, long QuarantinedUntilTicks);
