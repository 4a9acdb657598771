using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using P2C2R.Tasks;

namespace P2C2R.Coordinator.Observability;

/// <summary>
/// The coordinator's instruments, in one <see cref="Meter"/> (<see cref="MeterName"/>) that the
/// web host exports to Prometheus (<c>/metrics</c>, docs/OBSERVABILITY.md). They are recorded where
/// a session counts the same things for its status (<see cref="Protocol.Contracts.SessionCounters"/>),
/// so a node's totals are the sum of its sessions' figures. Static, as a <see cref="Meter"/> is
/// meant to be: instruments are free while nobody listens, and the hot paths (a task, a result, a
/// frame) record with tag arrays built once per task type and outcome, so they allocate nothing.
/// Gauges add and remove what each actor holds, so several nodes in one process (tests) add up.
/// </summary>
public static class CoordinatorMetrics
{
    public const string MeterName = "P2C2R.Coordinator";

    /// <summary>The <c>type</c> of a task whose type is none of the built-in executors'.</summary>
    public const string OtherType = "other";

    private static readonly Meter Meter = new(MeterName, "1.0");
    private static readonly Counter<long> Ticks = Meter.CreateCounter<long>("p2c2r.ticks", description: "Ticks the sessions on this node played");
    private static readonly Counter<long> LateTicks = Meter.CreateCounter<long>("p2c2r.ticks.late", description: "Ticks that came due while a session's frame pipeline was full, so the game waited");
    private static readonly Counter<long> Submitted = Meter.CreateCounter<long>("p2c2r.tasks.submitted", description: "Tasks the sessions on this node sent to the scheduler, by type");
    private static readonly Counter<long> Tasks = Meter.CreateCounter<long>("p2c2r.tasks", description: "Tasks by type and outcome: helper_accepted, coordinator_computed, local_fallback, and rejected helper results");
    private static readonly Counter<long> HelperBytes = Meter.CreateCounter<long>("p2c2r.helper.sent", unit: "By", description: "Bytes sent to helpers for the sessions' tasks (inputs and blobs, every copy)");
    private static readonly Counter<long> GamerBytes = Meter.CreateCounter<long>("p2c2r.gamer.sent", unit: "By", description: "Bytes of frames sent to gamers");
    private static readonly Counter<long> Canaries = Meter.CreateCounter<long>("p2c2r.canaries.caught", description: "Canaries (tasks whose answer is known) a helper answered wrongly: cheating or broken helpers caught");
    private static readonly FrozenDictionary<string, TypeTags> TagsByType = TaskExecutors.All.ToFrozenDictionary(e => e.Type.Id, e => new TypeTags(e.Type.Id), StringComparer.Ordinal);
    private static readonly TypeTags OtherTags = new(OtherType);
    private static long _sessions;
    private static long _helpers;
    private static long _canariesCaught;

    static CoordinatorMetrics()
    {
        Meter.CreateObservableGauge("p2c2r.sessions.active", () => Interlocked.Read(ref _sessions), description: "Sessions running on this node, playing or paused");
        Meter.CreateObservableGauge("p2c2r.helpers.connected", () => Interlocked.Read(ref _helpers), description: "Helpers connected to this node");
    }

    public static void TickPlayed() => Ticks.Add(1);

    public static void TickLate() => LateTicks.Add(1);

    public static void TaskSubmitted(string type) => Submitted.Add(1, TagsOf(type).Type);

    public static void TaskDone(string type, TaskOutcome outcome)
    {
        var tags = TagsOf(type);
        Interlocked.Increment(ref tags.Totals[(int)outcome]);
        Tasks.Add(1, tags.ByOutcome[(int)outcome]);
    }

    /// <summary>Tasks done since the process started, by type and outcome (those seen at least once), for the operator dashboard's rates.</summary>
    public static IEnumerable<(string Type, TaskOutcome Outcome, long Total)> TaskTotals() =>
        from tags in TagsByType.Values.Append(OtherTags)
        from outcome in Enum.GetValues<TaskOutcome>()
        let total = Interlocked.Read(ref tags.Totals[(int)outcome])
        where total > 0
        select (tags.Name, outcome, total);

    /// <summary>A helper answered a canary wrongly.</summary>
    public static void CanaryCaught()
    {
        Interlocked.Increment(ref _canariesCaught);
        Canaries.Add(1);
    }

    /// <summary>Canaries caught since the process started, for the operator dashboard.</summary>
    public static long CanariesCaught => Interlocked.Read(ref _canariesCaught);

    public static void SentToHelpers(long bytes) => HelperBytes.Add(bytes);

    public static void SentToGamer(long bytes) => GamerBytes.Add(bytes);

    public static void SessionStarted() => Interlocked.Increment(ref _sessions);

    public static void SessionStopped() => Interlocked.Decrement(ref _sessions);

    /// <summary>A registry's connected helpers changed by <paramref name="delta"/>.</summary>
    public static void HelpersConnected(long delta) => Interlocked.Add(ref _helpers, delta);

    /// <summary>The tag value of <paramref name="outcome"/>, as Prometheus shows it.</summary>
    public static string Name(TaskOutcome outcome) => outcome switch
    {
        TaskOutcome.HelperAccepted => "helper_accepted",
        TaskOutcome.CoordinatorComputed => "coordinator_computed",
        TaskOutcome.LocalFallback => "local_fallback",
        TaskOutcome.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    private static TypeTags TagsOf(string type) => TagsByType.TryGetValue(type, out var tags) ? tags : OtherTags;

    /// <summary>One task type's tags, built once: recording with them allocates nothing.</summary>
    private sealed class TypeTags
    {
        public TypeTags(string type)
        {
            Name = type;
            var tag = new KeyValuePair<string, object?>("type", type);
            Type = [tag];
            Totals = new long[Enum.GetValues<TaskOutcome>().Length];
            ByOutcome = [.. Enum.GetValues<TaskOutcome>().Select(outcome => new KeyValuePair<string, object?>[] { tag, new("outcome", Name(outcome)) })];
        }

        public string Name { get; }

        public KeyValuePair<string, object?>[] Type { get; }

        /// <summary>Tasks done by outcome; a field's elements, so they can be incremented in place.</summary>
        public long[] Totals { get; }

        public KeyValuePair<string, object?>[][] ByOutcome { get; }
    }
}
