using P2C2R.Coordinator.Ledger;

namespace P2C2R.Coordinator.Helpers;

/// <summary>
/// The registry's side of the ledger: what helpers earn is summed per account here and told to
/// the ledger every <see cref="CreditEvery"/>, one <see cref="CreditHelper"/> per account, rather
/// than once per judgement (a 30 ticks/s session's helpers earn about two hundred times a second,
/// each of which was a message through the ledger's singleton proxy). What is summed and not yet
/// told goes to the ledger when the registry stops.
/// </summary>
public sealed partial class PeerRegistry
{
    private static readonly TimeSpan CreditEvery = TimeSpan.FromSeconds(1);

    /// <summary>Earned since the ledger was last told, per account and whether it goes to the fund.</summary>
    private readonly Dictionary<(string Account, bool Donate), (long Amount, long Tasks)> _earned = [];

    private void Earn(string account, long amount, bool donate)
    {
        if (_earned.Count == 0)
        {
            Timers.StartSingleTimer("credit", CreditDue.Instance, CreditEvery);
        }

        var (sum, tasks) = _earned.GetValueOrDefault((account, donate));
        _earned[(account, donate)] = (sum + amount, tasks + 1);
    }

    private void TellLedger()
    {
        foreach (var ((account, donate), (amount, tasks)) in _earned.OrderBy(e => e.Key.Account, StringComparer.Ordinal).ThenBy(e => e.Key.Donate))
        {
            _ledger.Tell(new CreditHelper(account, amount, donate, tasks), Self);
        }

        _earned.Clear();
    }

    private sealed record CreditDue
    {
        public static CreditDue Instance { get; } = new();
    }
}
