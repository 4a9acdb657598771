namespace P2C2R.Coordinator.Helpers;

/// <summary>
/// BOINC's adaptive replication: how likely a task given to one helper is also given to a second.
/// A helper's standing is its run of consecutive valid results. Until the run reaches
/// <see cref="TrustRun"/> every task of it is replicated, so a newcomer proves itself on work
/// checked by someone else; beyond that the rate falls as <c>TrustRun / run</c>, never below
/// <see cref="MinRate"/>, so a cheater can never count on going unchecked; and one invalid result
/// resets the run, which puts the helper back to full replication.
/// </summary>
public sealed record AdaptiveReplication
{
    public AdaptiveReplication(int trustRun, double minRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trustRun, 1);
        if (!(minRate is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minRate), minRate, "a rate is between 0 and 1");
        }

        (TrustRun, MinRate) = (trustRun, minRate);
    }

    /// <summary>Consecutive valid results from which a helper is trusted.</summary>
    public int TrustRun { get; }

    /// <summary>The floor of the replication rate, however long the run.</summary>
    public double MinRate { get; }

    /// <summary>Trusted: the run is long enough for the helper's results to be taken alone some of the time.</summary>
    public bool Trusted(long validRun) => validRun >= TrustRun;

    /// <summary>The probability (<see cref="MinRate"/>..1) that a task given to a helper with this run is also given to a second helper.</summary>
    public double Rate(long validRun) => Falling(validRun, TrustRun, MinRate);

    /// <summary>
    /// BOINC's falling share: 1 for a run up to <paramref name="fullUntil"/>, then
    /// <c>fullUntil / run</c>, never below <paramref name="floor"/>. Replication and the verifier's
    /// sampling of a trusted helper's results both follow it.
    /// </summary>
    public static double Falling(long run, int fullUntil, double floor) =>
        run <= fullUntil ? 1.0 : Math.Max(floor, (double)fullUntil / run);
}
