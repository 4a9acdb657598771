using Akka.Event;
using Akka.Persistence;

namespace P2C2R.Coordinator.Helpers;

/// <summary>
/// One helper's standing (reputation, validated and rejected counts, quarantine, valid run) for the
/// whole cluster: a sharded persistent entity per helper key (account/name), so every node's
/// registry reads the same record when the helper joins it, and a helper quarantined through one
/// node is quarantined everywhere. Registries tell it <see cref="ReputationChanged"/> (routine
/// changes at most once a second, a quarantine at once); the latest wins, except that a write
/// made without knowledge of a later quarantine (a node that read the standing before another
/// node quarantined the helper) cannot lift or shorten it. Writes are journalled before the next
/// <see cref="GetStanding"/> is answered, so a registry that writes then reads sees its write.
/// Snapshotted every <see cref="SnapshotEvery"/> events, so recovery replays at most that many.
/// </summary>
public sealed class HelperStanding : ReceivePersistentActor
{
    public const string PersistenceIdPrefix = "helper-";
    private const int SnapshotEvery = 100;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _key;
    private ReputationChanged? _latest;

    public HelperStanding(string key)
    {
        _key = key;
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is ReputationChanged latest)
            {
                _latest = latest;
            }
        });
        Recover<ReputationChanged>(changed => _latest = changed);

        Command<ReputationChanged>(OnChanged);
        Command<GetStanding>(_ => Sender.Tell(new Standing(_key, _latest), Self));
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(failure =>
            _log.Warning(failure.Cause, "Standing snapshot of helper {0} at {1} failed; recovery replays further", _key, failure.Metadata.SequenceNr));
    }

    public override string PersistenceId => PersistenceIdPrefix + _key;

    private void OnChanged(ReputationChanged changed)
    {
        var merged = Merge(_latest, changed);
        if (merged == _latest)
        {
            return;
        }

        Persist(merged, persisted =>
        {
            _latest = persisted;
            if (LastSequenceNr % SnapshotEvery == 0)
            {
                SaveSnapshot(persisted);
            }
        });
    }

    /// <summary>
    /// <paramref name="told"/>, unless it does not know of <paramref name="latest"/>'s quarantine
    /// (its quarantine ends earlier): then that quarantine stands, and so do its rejected count,
    /// its lower reputation and its shorter run, since trust lost through one node must be earned
    /// again, whatever another node saw before.
    /// </summary>
    private static ReputationChanged Merge(ReputationChanged? latest, ReputationChanged told) =>
        latest is null || told.QuarantinedUntilTicks >= latest.QuarantinedUntilTicks
            ? told
            : told with
            {
                QuarantinedUntilTicks = latest.QuarantinedUntilTicks,
                Rejected = Math.Max(told.Rejected, latest.Rejected),
                Reputation = Math.Min(told.Reputation, latest.Reputation),
                ValidRun = Math.Min(told.ValidRun, latest.ValidRun),
            };
}
