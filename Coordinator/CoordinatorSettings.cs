using Akka.Configuration;
using P2C2R.GameSdk;
using P2C2R.Games;

namespace P2C2R.Coordinator;

/// <summary>
/// The tuning of scheduling, validation and sessions (<c>p2c2r.coordinator</c> in HOCON), read
/// once at start and shared read-only by the actors.
/// </summary>
public sealed record CoordinatorSettings
{
    /// <summary>Copies sent to different helpers before the coordinator computes a task itself.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Hedge no earlier than this, even for a helper whose p95 is lower.</summary>
    public TimeSpan MinimumHedgeDelay { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Reputation (0..1) from which a helper's results are taken alone, spot-checked.</summary>
    public double TrustThreshold { get; init; } = 0.75;

    /// <summary>
    /// The spot-check rate: the share of units (pixels, columns, bodies) a verifier recomputes
    /// when it checks a trusted helper's result. Every such result is checked; this sets how hard.
    /// </summary>
    public double VerifySampleFraction { get; init; } = 0.05;

    /// <summary>Below this reputation a helper is quarantined.</summary>
    public double QuarantineThreshold { get; init; } = 0.2;

    public TimeSpan QuarantineTime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Known-answer tasks per regular task sent to helpers that are not trusted yet.</summary>
    public double CanaryRate { get; init; } = 0.05;

    /// <summary>The share of a trusted helper's unreplicated results the coordinator recomputes in full.</summary>
    public double SpotRate { get; init; } = 0.02;

    public int TicksPerSecond { get; init; } = 60;

    /// <summary>Ticks whose frames may be in flight at once (pipelining).</summary>
    public int TicksInFlight { get; init; } = 4;

    /// <summary>Gamer credits charged per second of session; helpers earn their tasks' cost estimate.</summary>
    public long ChargePerSecond { get; init; } = 1000;

    /// <summary>Ticks between snapshots of a session's world: recovery replays at most this many.</summary>
    public int SnapshotEveryTicks { get; init; } = 600;

    /// <summary>Ledger transactions between snapshots of the balances.</summary>
    public int LedgerSnapshotEvery { get; init; } = 1000;

    /// <summary>The game every session hosts (<c>game.name</c>, one of <see cref="BuiltInGames"/>).</summary>
    public IGame Game { get; init; } = BuiltInGames.All[0];

    /// <summary>Trace and display resolutions and bands per frame (<c>game.frame</c>).</summary>
    public FrameFormat Frame { get; init; } = FrameFormat.Default;

    /// <summary>Reads <c>p2c2r.coordinator</c>, each key falling back on the built-in <see cref="CoordinatorConfig.Defaults"/>.</summary>
    public static CoordinatorSettings From(Config config)
    {
        var c = config.WithFallback(CoordinatorConfig.Defaults).GetConfig("p2c2r.coordinator");
        return new CoordinatorSettings
        {
            MaxAttempts = c.GetInt("scheduling.max-attempts"),
            MinimumHedgeDelay = c.GetTimeSpan("scheduling.minimum-hedge-delay"),
            TrustThreshold = c.GetDouble("validation.trust-threshold"),
            VerifySampleFraction = c.GetDouble("validation.sample-fraction"),
            QuarantineThreshold = c.GetDouble("validation.quarantine-threshold"),
            QuarantineTime = c.GetTimeSpan("validation.quarantine-time"),
            CanaryRate = c.GetDouble("validation.canary-rate"),
            TicksPerSecond = c.GetInt("session.ticks-per-second"),
            TicksInFlight = c.GetInt("session.ticks-in-flight"),
            ChargePerSecond = c.GetLong("session.charge-per-second"),
            SnapshotEveryTicks = c.GetInt("session.snapshot-every-ticks"),
            LedgerSnapshotEvery = c.GetInt("ledger.snapshot-every"),
            Game = BuiltInGames.Find(c.GetString("game.name")),
            Frame = FrameOf(c.GetConfig("game.frame")),
        };
    }

    private static FrameFormat FrameOf(Config c)
    {
        var format = new FrameFormat(c.GetInt("trace-width"), c.GetInt("trace-height"), c.GetInt("width"), c.GetInt("height"), c.GetInt("bands"));
        format.Validate();
        return format;
    }
}
