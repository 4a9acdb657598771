using P2C2R.Coordinator.Helpers;

namespace P2C2R.Coordinator.Tests;

/// <summary>BOINC's adaptive replication: always until a run of valid results, then falling with the run, to a floor.</summary>
public sealed class AdaptiveReplicationTests
{
    private static readonly AdaptiveReplication Replication = new(trustRun: 10, minRate: 0.05);

    [Fact]
    public void A_helper_is_always_replicated_and_untrusted_until_its_run_reaches_the_trust_run()
    {
        for (var run = 0; run < 10; run++)
        {
            Assert.Equal(1.0, Replication.Rate(run));
            Assert.False(Replication.Trusted(run));
        }

        Assert.True(Replication.Trusted(10));
    }

    [Fact]
    public void The_rate_falls_as_the_run_grows_and_stops_at_the_floor()
    {
        long[] runs = [10, 11, 20, 40, 100, 199, 200, 201, 1000, 1_000_000];
        double[] rates = [1.0, 10.0 / 11, 0.5, 0.25, 0.1, 10.0 / 199, 0.05, 0.05, 0.05, 0.05];

        Assert.Equal(rates, runs.Select(Replication.Rate));
    }

    /// <summary>The verifier's share of a trusted helper's results falls the same way from its own run, and an unchecked acceptance never lengthens the run.</summary>
    [Fact]
    public void The_verified_share_falls_with_the_run_and_accepted_results_leave_the_run_as_it_was()
    {
        long[] runs = [0, 100, 200, 400, 1000, 5000];
        double[] shares = [1.0, 1.0, 0.5, 0.25, 0.1, 0.1];
        Assert.Equal(shares, runs.Select(run => AdaptiveReplication.Falling(run, 100, 0.1)));

        var record = Record();
        record.Apply(new Judgement(1, JudgementKind.Validated, 1), new CoordinatorSettings(), DateTime.UtcNow);
        record.Apply(new Judgement(1, JudgementKind.Accepted, 1), new CoordinatorSettings(), DateTime.UtcNow);
        Assert.Equal((1L, 1L), (record.ValidRun, record.Validated));
    }

    [Fact]
    public void One_invalid_result_resets_the_run_and_so_the_rate_to_one()
    {
        var record = Record();
        for (var i = 0; i < 40; i++)
        {
            record.Apply(new Judgement(1, JudgementKind.Validated, 1), new CoordinatorSettings(), DateTime.UtcNow);
        }

        Assert.Equal(0.25, Replication.Rate(record.ValidRun));
        record.Apply(new Judgement(1, JudgementKind.Rejected, 0), new CoordinatorSettings(), DateTime.UtcNow);

        Assert.Equal(0, record.ValidRun);
        Assert.Equal(1.0, Replication.Rate(record.ValidRun));
        Assert.False(Replication.Trusted(record.ValidRun));
    }

    [Fact]
    public void Timeouts_and_failures_keep_the_run_and_never_quarantine()
    {
        var record = Record();
        var now = DateTime.UtcNow;
        for (var i = 0; i < 12; i++)
        {
            record.Apply(new Judgement(1, JudgementKind.Validated, 1), new CoordinatorSettings(), now);
        }

        for (var i = 0; i < 1000; i++)
        {
            record.Apply(new Judgement(1, i % 2 == 0 ? JudgementKind.TimedOut : JudgementKind.Failed, 0), new CoordinatorSettings(), now);
        }

        Assert.Equal(12, record.ValidRun);
        Assert.False(record.IsQuarantined(now));
        Assert.True(record.Reputation > 0.2);
    }

    [Fact]
    public void A_trust_run_below_one_or_a_floor_outside_zero_to_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveReplication(0, 0.05));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveReplication(10, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveReplication(10, double.NaN));
    }

    private static HelperRecord Record() => new(1, "acct/h1");
}
