using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using P2C2R.Coordinator.Ledger;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Helpers;

/// <summary>
/// Who the helpers are and how far they are trusted. The edge announces each helper connection
/// (<see cref="HelperJoined"/>) with the address it was observed from, which the registry widens
/// to the helper's <see cref="HostGroup"/>; it watches the connection, applies every judgement to
/// the helper's standing (<see cref="HelperRecord"/>), quarantines a helper proven wrong, sends
/// validated work to the ledger to be credited, passes posted credits on to the helper's
/// connections, and publishes an immutable <see cref="HelperDirectory"/> to its subscribers (the
/// scheduler, sessions): at once when a helper joins, leaves, is quarantined or released, and
/// otherwise at most every <see cref="PublishEvery"/>, since judgements arrive per task and a
/// directory per judgement would cost the coordinator a copy of every helper per task.
/// Event-sourced: enrolments are journalled as they happen and standings once a second, so a
/// recovered coordinator still knows who earned trust and who is quarantined. Live connections
/// are not journalled (a new coordinator has none); across a restart after a failure they are
/// carried over by <see cref="PreRestart"/>, so the helpers already connected keep getting work.
/// </summary>
public sealed class PeerRegistry : ReceivePersistentActor, IWithTimers
{
    private static readonly TimeSpan JournalEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PublishEvery = TimeSpan.FromMilliseconds(100);
    private readonly CoordinatorSettings _settings;
    private readonly AdaptiveReplication _replication;
    private readonly IActorRef _ledger;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, HelperRecord> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<long, HelperRecord> _byId = [];
    private readonly Dictionary<IActorRef, HelperRecord> _byRef = [];
    private readonly Dictionary<string, long> _credits = new(StringComparer.Ordinal);
    private readonly HashSet<IActorRef> _subscribers = [];
    private long _lastId;

    /// <summary>A change of standing is waiting for the next coalesced directory.</summary>
    private bool _dirty;

    public PeerRegistry(CoordinatorSettings settings, IActorRef ledger)
    {
        _settings = settings;
        _ledger = ledger;
        _replication = new AdaptiveReplication(settings.TrustRun, settings.MinReplicationRate);
        Recover<HelperEnrolled>(enrolled => Enroll(enrolled));
        Recover<ReputationChanged>(changed =>
        {
            if (_byKey.TryGetValue(changed.Key, out var record))
            {
                record.Restore(changed);
            }
        });
        Recover<RecoveryCompleted>(_ => Timers.StartPeriodicTimer("journal", JournalDue.Instance, JournalEvery));

        Command<HelperJoined>(joined => OnJoined(joined, answer: true));
        Command<Rejoin>(rejoin => OnJoined(rejoin.Joined, answer: false));
        Command<HelperLoad>(OnLoad);
        Command<Judgement>(OnJudgement);
        Command<CreditsPosted>(OnCreditsPosted);
        Command<SubscribeHelpers>(_ =>
        {
            if (_subscribers.Add(Sender))
            {
                Context.Watch(Sender);
            }

            Sender.Tell(Directory(), Self);
        });
        Command<Terminated>(OnTerminated);
        Command<JournalDue>(_ => JournalReputations());
        Command<PublishDue>(_ =>
        {
            if (_dirty)
            {
                Publish();
            }
        });
        Command<ReleaseDue>(_ => Publish());
    }

    public override string PersistenceId => "registry";

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// A registry that failed is restarted with its journal but without its live connections:
    /// they are handed to the new instance as messages (processed after its recovery), so helpers
    /// stay in the directory and subscribers keep their subscription.
    /// </summary>
    protected override void PreRestart(Exception reason, object message)
    {
        foreach (var record in _byRef.Values)
        {
            Self.Tell(new Rejoin(new HelperJoined(record.Ref!, record.Account, record.Address, record.Capabilities!)), ActorRefs.NoSender);
        }

        foreach (var subscriber in _subscribers)
        {
            Self.Tell(SubscribeHelpers.Instance, subscriber);
        }

        base.PreRestart(reason, message);
    }

    private void OnJoined(HelperJoined joined, bool answer)
    {
        var key = joined.Account + "/" + joined.Capabilities.Name;
        if (_byKey.TryGetValue(key, out var known))
        {
            if (!joined.Connection.Equals(known.Ref))
            {
                Admit(joined, known, answer);
            }

            return;
        }

        Persist(new HelperEnrolled(key, _lastId + 1), enrolled => Admit(joined, Enroll(enrolled), answer));
    }

    private HelperRecord Enroll(HelperEnrolled enrolled)
    {
        var record = new HelperRecord(enrolled.Id, enrolled.Key);
        _byKey[enrolled.Key] = record;
        _byId[record.Id] = record;
        _lastId = Math.Max(_lastId, enrolled.Id);
        return record;
    }

    /// <summary>A helper's newest connection replaces its older one, which is no longer watched.</summary>
    private void Admit(HelperJoined joined, HelperRecord record, bool answer)
    {
        var caps = joined.Capabilities;
        if (record.Ref is not null)
        {
            Context.Unwatch(record.Ref);
            _byRef.Remove(record.Ref);
        }

        record.Ref = joined.Connection;
        record.Capabilities = caps;
        record.Account = joined.Account;
        record.Address = joined.Address;
        record.Host = HostGroup.Of(joined.Address, _settings.Ipv4Prefix, _settings.Ipv6Prefix);
        record.Capacity = Math.Max(1, caps.Concurrency);
        record.Active = 0;
        _byRef[joined.Connection] = record;
        Context.Watch(joined.Connection);
        if (answer)
        {
            joined.Connection.Tell(new HelperAccepted(record.Id, _credits.GetValueOrDefault(joined.Account)), Self);
            _log.Info("Helper {0} ({1} at {2}, host {3}, {4} cores, frame {5:0.0} ms) registered as #{6}, run of {7} valid results",
                [caps.Name, joined.Account, joined.Address, record.Host, caps.Cores, caps.FrameMs, record.Id, record.ValidRun]);
        }

        ReleaseWhenDue(record);
        Publish();
    }

    private void OnLoad(HelperLoad load)
    {
        if (_byRef.TryGetValue(Sender, out var record))
        {
            record.Active = load.Active;
            record.Capacity = Math.Max(1, load.Capacity);
        }
    }

    private void OnJudgement(Judgement judgement)
    {
        if (!_byId.TryGetValue(judgement.HelperId, out var record))
        {
            return;
        }

        var now = DateTime.UtcNow;
        var wasQuarantined = record.IsQuarantined(now);
        record.Apply(judgement, _settings, now);
        if (judgement.Kind is JudgementKind.Validated or JudgementKind.Accepted && record.Capabilities is { } caps)
        {
            _ledger.Tell(new CreditHelper(record.Account, judgement.Cost, caps.Donate), Self);
        }

        if (judgement.Kind == JudgementKind.Rejected)
        {
            record.Ref?.Tell(new CreditUpdate(_credits.GetValueOrDefault(record.Account), record.Validated, record.Rejected), Self);
            if (!wasQuarantined)
            {
                _log.Warning("Helper #{0} {1} quarantined for {2}: a result proven wrong ({3} rejected of {4})",
                    [record.Id, record.Key, _settings.QuarantineTime, record.Rejected, record.Rejected + record.Validated]);
            }

            ReleaseWhenDue(record);
            if (record.Ref is not null)
            {
                Publish();
            }

            return;
        }

        PublishSoon();
    }

    /// <summary>The directory marks a helper quarantined until it is published again: it is, when the quarantine ends.</summary>
    private void ReleaseWhenDue(HelperRecord record)
    {
        var left = record.QuarantinedUntil - DateTime.UtcNow;
        if (left > TimeSpan.Zero)
        {
            Timers.StartSingleTimer(("release", record.Id), ReleaseDue.Instance, left);
        }
    }

    private void PublishSoon()
    {
        if (!_dirty)
        {
            _dirty = true;
            Timers.StartSingleTimer("publish", PublishDue.Instance, PublishEvery);
        }
    }

    /// <summary>The ledger made a helper account's balance durable: every connection of that account hears it.</summary>
    private void OnCreditsPosted(CreditsPosted posted)
    {
        _credits[posted.Account] = posted.Credits;
        foreach (var record in _byRef.Values)
        {
            if (record.Account == posted.Account)
            {
                record.Ref!.Tell(new CreditUpdate(posted.Credits, record.Validated, record.Rejected), Self);
            }
        }
    }

    private void OnTerminated(Terminated terminated)
    {
        _subscribers.Remove(terminated.ActorRef);
        if (_byRef.Remove(terminated.ActorRef, out var record))
        {
            record.Ref = null;
            _log.Info("Helper #{0} {1} is gone", record.Id, record.Key);
            Publish();
        }
    }

    private void JournalReputations()
    {
        var changed = _byId.Values.Where(r => r.Changed).Select(r => r.Journalled()).ToArray();
        if (changed.Length == 0)
        {
            return;
        }

        foreach (var record in _byId.Values)
        {
            record.Changed = false;
        }

        PersistAll(changed, _ => { });
    }

    private HelperDirectory Directory()
    {
        var now = DateTime.UtcNow;
        return new HelperDirectory([.. _byRef.Values.OrderBy(r => r.Id).Select(r => r.View(_replication, now))]);
    }

    private void Publish()
    {
        _dirty = false;
        Timers.Cancel("publish");
        var directory = Directory();
        foreach (var subscriber in _subscribers)
        {
            subscriber.Tell(directory, Self);
        }
    }

    /// <summary>A connection carried over a restart: admitted again without a second <see cref="HelperAccepted"/>.</summary>
    private sealed record Rejoin(HelperJoined Joined);

    private sealed record JournalDue
    {
        public static JournalDue Instance { get; } = new();
    }

    private sealed record PublishDue
    {
        public static PublishDue Instance { get; } = new();
    }

    private sealed record ReleaseDue
    {
        public static ReleaseDue Instance { get; } = new();
    }
}
