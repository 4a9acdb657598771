using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Ledger;

/// <summary>
/// The credit ledger, double-entry and event-sourced. Gamers pay the platform for play time at
/// <see cref="CoordinatorSettings.ChargePerSecond"/>; the platform pays helpers each validated
/// task's cost estimate (or pays it into the <see cref="CommunityFund"/> for helpers that donate).
/// Amounts are whole credits and play is charged cumulatively (floor(ms × rate / 1000) minus what
/// the session already paid), so rounding never creates or loses a credit. Helper credits are
/// gathered for <see cref="CreditFlushInterval"/> and posted in one atomic write; only then is the
/// helper told its balance, so a balance a helper has seen survives any crash. The balances are
/// snapshotted every <see cref="CoordinatorSettings.LedgerSnapshotEvery"/> transactions, so
/// recovery replays at most that many.
/// </summary>
public sealed class CreditLedger : ReceivePersistentActor, IWithTimers
{
    public const string Name = "ledger";
    public const string Platform = "platform";

    /// <summary>Where donating helpers' earnings go: the value volunteers gave, kept apart from what they own.</summary>
    public const string CommunityFund = "fund";
    private static readonly TimeSpan CreditFlushInterval = TimeSpan.FromMilliseconds(250);
    private readonly CoordinatorSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, long> _balances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SessionCharge> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Amount, long Tasks, IActorRef ReplyTo)> _unposted = new(StringComparer.Ordinal);
    private long _lastId;

    /// <summary>Helper tasks paid for since the ledger began: the compute helpers gave, counted in tasks.</summary>
    private long _tasksPaid;

    public CreditLedger(CoordinatorSettings settings)
    {
        _settings = settings;
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is LedgerSnapshot snapshot)
            {
                Restore(snapshot);
            }
        });
        Recover<Posted>(Apply);
        Recover<RecoveryCompleted>(_ => Timers.StartPeriodicTimer("credits", FlushCredits.Instance, CreditFlushInterval));

        Command<ChargePlay>(Charge);
        Command<CreditHelper>(credit =>
        {
            var key = credit.Donate ? CommunityFund : HelperAccount(credit.Account);
            var (amount, tasks, _) = _unposted.GetValueOrDefault(key);
            _unposted[key] = (amount + credit.Amount, tasks + credit.Tasks, Sender);
        });
        Command<FlushCredits>(_ => PostCredits());
        Command<QueryGamerBalance>(query => Sender.Tell(new AccountBalance(query.Account, _balances.GetValueOrDefault(GamerAccount(query.Account))), Self));
        Command<QueryHelperBalance>(query => Sender.Tell(new AccountBalance(query.Account, _balances.GetValueOrDefault(HelperAccount(query.Account))), Self));
        Command<QueryLedger>(_ => Sender.Tell(new LedgerBalances(new Dictionary<string, long>(_balances, StringComparer.Ordinal), _tasksPaid), Self));
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(failure =>
            _log.Warning(failure.Cause, "Ledger snapshot at {0} failed; recovery replays further", failure.Metadata.SequenceNr));
    }

    public override string PersistenceId => "ledger";

    public ITimerScheduler Timers { get; set; } = null!;

    public static string GamerAccount(string account) => "gamer:" + account;

    public static string HelperAccount(string account) => "helper:" + account;

    private void Restore(LedgerSnapshot snapshot)
    {
        _lastId = snapshot.LastId;
        _tasksPaid = snapshot.TasksPaid;
        foreach (var balance in snapshot.Balances)
        {
            _balances[balance.Account] = balance.Amount;
        }

        foreach (var session in snapshot.Sessions)
        {
            _sessions[session.SessionId] = session;
        }
    }

    private void Charge(ChargePlay charge)
    {
        var paid = _sessions.GetValueOrDefault(charge.SessionId) ?? new SessionCharge(charge.SessionId, 0, 0);
        if (charge.PlayedMs <= paid.PlayedMs)
        {
            return;
        }

        var due = charge.PlayedMs * _settings.ChargePerSecond / 1000 - paid.Charged;
        if (due <= 0)
        {
            return;
        }

        Persist(new Posted(_lastId + 1, PostingKind.Play, charge.SessionId, charge.PlayedMs,
            [new LedgerEntry(GamerAccount(charge.Account), -due), new LedgerEntry(Platform, due)]), Applied);
    }

    /// <summary>Posts every credit gathered since the last flush in one atomic write, then tells each helper account its durable balance.</summary>
    private void PostCredits()
    {
        if (_unposted.Count == 0)
        {
            return;
        }

        var postings = new List<Posted>(_unposted.Count);
        var replyTo = new Dictionary<string, IActorRef>(StringComparer.Ordinal);
        foreach (var (account, (amount, tasks, reply)) in _unposted.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            postings.Add(new Posted(_lastId + postings.Count + 1, PostingKind.Tasks, account, tasks,
                [new LedgerEntry(Platform, -amount), new LedgerEntry(account, amount)]));
            replyTo[account] = reply;
        }

        _unposted.Clear();
        PersistAll(postings, posted =>
        {
            Applied(posted);
            if (posted.Reference.StartsWith("helper:", StringComparison.Ordinal))
            {
                replyTo[posted.Reference].Tell(new CreditsPosted(posted.Reference["helper:".Length..], _balances[posted.Reference]), Self);
            }
        });
    }

    private void Applied(Posted posted)
    {
        Apply(posted);
        if (posted.Id % _settings.LedgerSnapshotEvery == 0)
        {
            SaveSnapshot(new LedgerSnapshot(
                _lastId,
                [.. _balances.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => new LedgerEntry(b.Key, b.Value))],
                [.. _sessions.Values.OrderBy(s => s.SessionId, StringComparer.Ordinal)],
                _tasksPaid));
        }
    }

    /// <summary>The one place balances change; refuses a transaction whose legs do not sum to zero.</summary>
    private void Apply(Posted posted)
    {
        if (posted.Entries.Sum(e => e.Amount) != 0)
        {
            throw new InvalidOperationException($"transaction {posted.Id} does not balance");
        }

        foreach (var entry in posted.Entries)
        {
            _balances[entry.Account] = _balances.GetValueOrDefault(entry.Account) + entry.Amount;
        }

        if (posted.Kind == PostingKind.Tasks)
        {
            _tasksPaid += posted.Units;
        }

        if (posted.Kind == PostingKind.Play)
        {
            var paid = _sessions.GetValueOrDefault(posted.Reference) ?? new SessionCharge(posted.Reference, 0, 0);
            _sessions[posted.Reference] = new SessionCharge(posted.Reference, posted.Units, paid.Charged + posted.Entries.Where(e => e.Account != Platform).Sum(e => -e.Amount));
        }

        _lastId = posted.Id;
    }

    private sealed record FlushCredits
    {
        public static FlushCredits Instance { get; } = new();
    }
}
