using Akka.Actor;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Ledger;

namespace P2C2R.Coordinator.Web.Community;

/// <summary>
/// Gathers the public community page's figures on this node: the registry's helper directory
/// (subscribed; a helper that left is remembered as last seen, so its validated results still
/// count) and the ledger's balances and tasks paid (asked every <see cref="Every"/>), and publishes a
/// <see cref="CommunitySnapshot"/> to <see cref="CommunityState"/>. A helper's name is shown only when
/// the helper opted in; an account none of whose helpers opted in is <see cref="Anonymous"/>.
/// </summary>
public sealed class CommunityFeed : ReceiveActor, IWithTimers
{
    /// <summary>The label of a helper account that did not opt in to be named.</summary>
    public const string Anonymous = "anonymous helper";

    /// <summary>How many helper accounts the page lists.</summary>
    public const int TopCount = 20;

    /// <summary>A name is cut to this many characters: it is the helper's to choose, not to fill the page with.</summary>
    public const int MaxNameLength = 32;

    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
    private static readonly string HelperPrefix = CreditLedger.HelperAccount("");
    private readonly CommunityState _state;
    private readonly IActorRef _registry;
    private readonly IActorRef _ledger;
    private readonly Dictionary<long, HelperView> _seen = [];
    private HashSet<long> _connected = [];
    private LedgerBalances _ledgerState = new(new Dictionary<string, long>());

    public CommunityFeed(CommunityState state, IActorRef registry, IActorRef ledger)
    {
        _state = state;
        _registry = registry;
        _ledger = ledger;
        Receive<HelperDirectory>(OnDirectory);
        Receive<LedgerBalances>(balances => _ledgerState = balances);
        Receive<PublishDue>(_ => Publish());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(CommunityState state, IActorRef registry, IActorRef ledger) =>
        Akka.Actor.Props.Create(() => new CommunityFeed(state, registry, ledger));

    protected override void PreStart()
    {
        _registry.Tell(SubscribeHelpers.Instance, Self);
        _ledger.Tell(QueryLedger.Instance, Self);
        Timers.StartPeriodicTimer("publish", PublishDue.Instance, Every);
    }

    private void OnDirectory(HelperDirectory directory)
    {
        foreach (var helper in directory.Helpers)
        {
            _seen[helper.Id] = helper;
        }

        _connected = [.. directory.Helpers.Select(h => h.Id)];
    }

    private void Publish()
    {
        _ledger.Tell(QueryLedger.Instance, Self);
        var byAccount = _seen.Values.GroupBy(h => h.Account, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(h => h.Id).ToList(), StringComparer.Ordinal);
        var balances = _ledgerState.Balances;
        var credits = balances.Where(b => b.Key.StartsWith(HelperPrefix, StringComparison.Ordinal))
            .ToDictionary(b => b.Key[HelperPrefix.Length..], b => b.Value, StringComparer.Ordinal);
        var accounts = credits.Keys.Union(byAccount.Keys, StringComparer.Ordinal);
        var rows = accounts.Select(account =>
        {
            var helpers = byAccount.GetValueOrDefault(account) ?? [];
            var named = helpers.FirstOrDefault(h => h.PublicName);
            return new CommunityHelper(named is null ? Anonymous : Shown(named.Name), credits.GetValueOrDefault(account), helpers.Sum(h => h.Validated),
                helpers.Any(h => _connected.Contains(h.Id)));
        });
        var donated = balances.GetValueOrDefault(CreditLedger.CommunityFund);
        var earned = credits.Values.Where(c => c > 0).Sum();
        _state.Publish(new CommunitySnapshot(
            DateTime.UtcNow,
            _ledgerState.TasksPaid,
            earned + donated,
            earned,
            donated,
            _connected.Count,
            [.. rows.OrderByDescending(r => r.Credits).ThenByDescending(r => r.Validated).ThenBy(r => r.Label, StringComparer.Ordinal).Take(TopCount)]));
    }

    /// <summary>The name as the page may show it: no control characters, at most <see cref="MaxNameLength"/> characters.</summary>
    private static string Shown(string name)
    {
        var clean = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        return clean.Length == 0 ? Anonymous : clean.Length > MaxNameLength ? clean[..MaxNameLength] + "…" : clean;
    }

    private sealed record PublishDue
    {
        public static PublishDue Instance { get; } = new();
    }
}
