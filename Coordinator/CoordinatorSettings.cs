using Akka.Configuration;
using P2C2R.Coordinator.Sessions;
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

    /// <summary>
    /// The spot-check rate: the share of units (pixels, columns, bodies) a verifier recomputes
    /// when it checks a trusted helper's result. Every such result is checked; this sets how hard.
    /// </summary>
    public double VerifySampleFraction { get; init; } = 0.05;

    /// <summary>How long a helper proven to have returned a wrong result gets no work.</summary>
    public TimeSpan QuarantineTime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a registry waits for a joining helper's standing (<see cref="Helpers.HelperStanding"/>)
    /// before it asks again; after three unanswered asks the helper is refused (it dials again),
    /// never admitted as new, since that would let a quarantined helper escape its quarantine.
    /// </summary>
    public TimeSpan StandingReadTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Known-answer tasks per regular task sent to helpers that are not trusted yet.</summary>
    public double CanaryRate { get; init; } = 0.05;

    /// <summary>Settled live tasks kept per task type to be sent again as canaries.</summary>
    public int CanaryPoolPerType { get; init; } = 32;

    /// <summary>The inputs the canary pool may hold, all task types together; the oldest are dropped first.</summary>
    public long CanaryPoolBytes { get; init; } = 8L << 20;

    /// <summary>
    /// Prefix length of the IPv4 network a helper's observed address counts as one host in
    /// (<see cref="Helpers.HostGroup"/>): two replicas of a task never run on one host.
    /// </summary>
    public int Ipv4Prefix { get; init; } = 24;

    /// <summary>Prefix length of the IPv6 network a helper's observed address counts as one host in.</summary>
    public int Ipv6Prefix { get; init; } = 48;

    /// <summary>Consecutive valid results from which a helper is trusted and its replication rate starts to fall (<see cref="Helpers.AdaptiveReplication"/>).</summary>
    public int TrustRun { get; init; } = 10;

    /// <summary>The floor of a trusted helper's replication rate, however long its run of valid results.</summary>
    public double MinReplicationRate { get; init; } = 0.05;

    /// <summary>The share of a trusted helper's unreplicated results the coordinator recomputes itself in full.</summary>
    public double SpotRate { get; init; } = 0.02;

    /// <summary>
    /// The least share of a trusted helper's unreplicated results a verifier checks; the rest are
    /// taken as they are, as BOINC takes a reliable host's. Every one is checked until the helper's
    /// valid run passes <see cref="VerifyRun"/>, then the share falls as <c>VerifyRun / run</c> down
    /// to this floor. A wrong result is caught with probability at least about
    /// <c>MinReplicationRate + SpotRate + VerifyRate</c>, and the first one caught resets the
    /// helper's run: full replication and full checks again.
    /// </summary>
    public double VerifyRate { get; init; } = 0.1;

    /// <summary>The valid run up to which every unreplicated result of a helper is verified (<see cref="VerifyRate"/>).</summary>
    public int VerifyRun { get; init; } = 100;

    public int TicksPerSecond { get; init; } = 60;

    /// <summary>Ticks whose frames may be in flight at once (pipelining).</summary>
    public int TicksInFlight { get; init; } = 4;

    /// <summary>Gamer credits charged per second of session; helpers earn their tasks' cost estimate.</summary>
    public long ChargePerSecond { get; init; } = 1000;

    /// <summary>Ticks between snapshots of a session's world: recovery replays at most this many.</summary>
    public int SnapshotEveryTicks { get; init; } = 600;

    /// <summary>
    /// How far ahead a session journals its ticks while the gamer's keys stay the same: one write
    /// covers this much play, and a crash costs the gamer at most this much of a jump forward.
    /// </summary>
    public TimeSpan JournalLease { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Ledger transactions between snapshots of the balances.</summary>
    public int LedgerSnapshotEvery { get; init; } = 1000;

    /// <summary>The game every session hosts (<c>game.name</c>, one of <see cref="BuiltInGames"/>).</summary>
    public IGame Game { get; init; } = BuiltInGames.All[0];

    /// <summary>Trace and display resolutions and bands per frame (<c>game.frame</c>).</summary>
    public FrameFormat Frame { get; init; } = FrameFormat.Default;

    /// <summary>How a session turns a traced frame into the gamer's delta (<c>game.frame.finish</c>).</summary>
    public FrameFinish FrameFinish { get; init; } = FrameFinish.OneTask;

    /// <summary>Reads <c>p2c2r.coordinator</c>, each key falling back on the built-in <see cref="CoordinatorConfig.Defaults"/>.</summary>
    public static CoordinatorSettings From(Config config)
    {
        var c = config.WithFallback(CoordinatorConfig.Defaults).GetConfig("p2c2r.coordinator");
        return new CoordinatorSettings
        {
            MaxAttempts = c.GetInt("scheduling.max-attempts"),
            MinimumHedgeDelay = c.GetTimeSpan("scheduling.minimum-hedge-delay"),
            VerifySampleFraction = c.GetDouble("validation.sample-fraction"),
            QuarantineTime = c.GetTimeSpan("validation.quarantine-time"),
            StandingReadTimeout = c.GetTimeSpan("validation.standing-read-timeout"),
            CanaryRate = Rate(c, "validation.canary-rate"),
            CanaryPoolPerType = Within(c.GetInt("validation.canary-pool.per-type"), 1, 4096, "validation.canary-pool.per-type"),
            CanaryPoolBytes = Within(c.GetByteSize("validation.canary-pool.max-bytes") ?? 0, 0, 1L << 32, "validation.canary-pool.max-bytes"),
            Ipv4Prefix = Within(c.GetInt("replicas.ipv4-prefix"), 0, 32, "replicas.ipv4-prefix"),
            Ipv6Prefix = Within(c.GetInt("replicas.ipv6-prefix"), 0, 128, "replicas.ipv6-prefix"),
            TrustRun = Within(c.GetInt("replicas.trust-run"), 1, 1_000_000, "replicas.trust-run"),
            MinReplicationRate = Rate(c, "replicas.min-rate"),
            SpotRate = Rate(c, "replicas.spot-rate"),
            VerifyRate = Rate(c, "replicas.verify-rate"),
            VerifyRun = Within(c.GetInt("replicas.verify-run"), 1, 1_000_000, "replicas.verify-run"),
            TicksPerSecond = c.GetInt("session.ticks-per-second"),
            TicksInFlight = c.GetInt("session.ticks-in-flight"),
            ChargePerSecond = c.GetLong("session.charge-per-second"),
            SnapshotEveryTicks = c.GetInt("session.snapshot-every-ticks"),
            JournalLease = c.GetTimeSpan("session.journal-lease"),
            LedgerSnapshotEvery = c.GetInt("ledger.snapshot-every"),
            Game = BuiltInGames.Find(c.GetString("game.name")),
            Frame = FrameOf(c.GetConfig("game.frame")),
            FrameFinish = c.GetString("game.frame.finish") switch
            {
                "one-task" => FrameFinish.OneTask,
                "upscale-then-deflate" => FrameFinish.UpscaleThenDeflate,
                var other => throw new ConfigurationException($"p2c2r.coordinator.game.frame.finish = {other} is not known: it is one-task or upscale-then-deflate"),
            },
        };
    }

    private static T Within<T>(T value, T min, T max, string key)
        where T : System.Numerics.INumber<T> =>
        value >= min && value <= max
            ? value
            : throw new ConfigurationException($"p2c2r.coordinator.{key} = {value} is out of range: it must be between {min} and {max}");

    private static double Rate(Config c, string key)
    {
        var value = c.GetDouble(key);
        return value is >= 0 and <= 1
            ? value
            : throw new ConfigurationException($"p2c2r.coordinator.{key} = {value} is out of range: it is a probability between 0 and 1");
    }

    private static FrameFormat FrameOf(Config c)
    {
        var format = new FrameFormat(c.GetInt("trace-width"), c.GetInt("trace-height"), c.GetInt("width"), c.GetInt("height"), c.GetInt("bands"));
        format.Validate();
        return format;
    }
}
