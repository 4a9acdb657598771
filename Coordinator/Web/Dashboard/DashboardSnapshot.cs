using MessagePack;

namespace P2C2R.Coordinator.Web.Dashboard;

/// <summary>
/// What the operator dashboard shows of the whole cluster at one moment, sent to browsers as JSON
/// once a second (<c>/events</c>): built by <see cref="DashboardMerge"/> from the latest
/// <see cref="NodeView"/> of every coordinator node still in the cluster (<see cref="Nodes"/>), so a
/// browser connected to any node sees them all and never reaches an actor. <see cref="Node"/> is
/// the node that serves the page; the ledger is the cluster's single one, as that node last read it.
/// </summary>
public sealed record DashboardSnapshot(
    string Node,
    DateTime At,
    NodeRow[] Nodes,
    SessionRow[] Sessions,
    HelperRow[] Helpers,
    TaskRate[] Tasks,
    LedgerTotals Ledger,
    long CanariesCaught,
    long ValidationRejects);

/// <summary>
/// One coordinator node as the serving node sees it: its cluster status and roles, what its last
/// <see cref="NodeView"/> counted, its process's share of the machine's CPU (0 to 1) and how many
/// seconds ago that view was heard.
/// </summary>
public sealed record NodeRow(string Address, string Status, string Roles, bool Self, int Sessions, int Helpers, double Cpu, double AgeSeconds);

/// <summary>
/// One session on <see cref="Node"/>: its tick rate over the last report, the share of its tasks
/// helpers computed, what a tick costs in bytes, and its last frames' latency from tick start to
/// frame sent (mean and p95, milliseconds).
/// </summary>
[MessagePackObject]
public sealed record SessionRow(
    [property: Key(0)] string Id,
    [property: Key(1)] string Account,
    [property: Key(2)] long Tick,
    [property: Key(3)] double Fps,
    [property: Key(4)] double HelperShare,
    [property: Key(5)] double HelperBytesPerTick,
    [property: Key(6)] double GamerBytesPerTick,
    [property: Key(7)] long LateTicks,
    [property: Key(8)] long Rejects,
    [property: Key(9)] string Node = "",
    [property: Key(10)] double FrameMeanMs = 0,
    [property: Key(11)] double FrameP95Ms = 0);

/// <summary>
/// One helper connected to <see cref="Node"/>, as its registry judges it, with its account's
/// durable credits, the round trips of its last tasks as the scheduler measured them (mean and p95,
/// milliseconds; 0 before any) and its results validated per second over the last second.
/// </summary>
[MessagePackObject]
public sealed record HelperRow(
    [property: Key(0)] long Id,
    [property: Key(1)] string Name,
    [property: Key(2)] string Account,
    [property: Key(3)] bool Trusted,
    [property: Key(4)] bool Quarantined,
    [property: Key(5)] double Reputation,
    [property: Key(6)] long ValidRun,
    [property: Key(7)] int Active,
    [property: Key(8)] int Capacity,
    [property: Key(9)] double FrameMs,
    [property: Key(10)] long Credits,
    [property: Key(11)] string Node = "",
    [property: Key(12)] double LatencyMeanMs = 0,
    [property: Key(13)] double LatencyP95Ms = 0,
    [property: Key(14)] double ValidatedPerSecond = 0);

/// <summary>Tasks of one type that ended one way, per second over the last second, and in all since the process (or, merged, every node's) started.</summary>
[MessagePackObject]
public sealed record TaskRate(
    [property: Key(0)] string Type,
    [property: Key(1)] string Outcome,
    [property: Key(2)] double PerSecond,
    [property: Key(3)] long Total);

/// <summary>The ledger's balances summed: what helpers and the fund hold, what gamers owe (they sum to zero), over how many accounts; and the helper tasks it has paid for.</summary>
public sealed record LedgerTotals(int Accounts, long Credits, long Debits, long TasksPaid);
