namespace P2C2R.Coordinator.Web.Dashboard;

/// <summary>
/// What the operator dashboard shows of one node at one moment, sent to browsers as JSON once a
/// second (<c>/events</c>): built by <see cref="DashboardFeed"/> from the sessions' reports, the
/// registry's helper directory, the task counters and the ledger, so a browser never reaches an actor.
/// </summary>
public sealed record DashboardSnapshot(string Node, DateTime At, SessionRow[] Sessions, HelperRow[] Helpers, TaskRate[] Tasks, LedgerTotals Ledger);

/// <summary>One session on this node: its tick rate over the last report, the share of its tasks helpers computed, what a tick costs in bytes.</summary>
public sealed record SessionRow(string Id, string Account, long Tick, double Fps, double HelperShare, double HelperBytesPerTick, double GamerBytesPerTick, long LateTicks, long Rejects);

/// <summary>One helper connected to this node, as the registry judges it, with its account's durable credits.</summary>
public sealed record HelperRow(long Id, string Name, string Account, bool Trusted, bool Quarantined, double Reputation, long ValidRun, int Active, int Capacity, double FrameMs, long Credits);

/// <summary>Tasks of one type that ended one way, per second over the last second, and in all since the process started.</summary>
public sealed record TaskRate(string Type, string Outcome, double PerSecond, long Total);

/// <summary>The ledger's balances summed: what helpers and the fund hold, what gamers owe (they sum to zero), over how many accounts.</summary>
public sealed record LedgerTotals(int Accounts, long Credits, long Debits);
