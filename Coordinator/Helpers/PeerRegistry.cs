using Akka.Actor;
using Akka.Event;
using P2C2R.Coordinator.Ledger;
using P2C2R.Coordinator.Observability;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Helpers;

/// <summary>
/// Who this node's helpers are and how far they are trusted. The edge announces each helper
/// connection (<see cref="HelperJoined"/>) with the address it was observed from, which the
/// registry widens to the helper's <see cref="HostGroup"/>; it watches the connection, applies
/// every judgement to the helper's standing (<see cref="HelperRecord"/>), quarantines a helper
/// proven wrong, sends validated work to the ledger to be credited, passes posted credits on to
/// the helper's connections, and publishes an immutable <see cref="HelperDirectory"/> to its
/// subscribers (the scheduler, sessions): at once when a helper joins, leaves, is quarantined or
/// released, and otherwise at most every <see cref="PublishEvery"/>, since judgements arrive per
/// task and a directory per judgement would cost the coordinator a copy of every helper per task.
/// A helper's standing belongs to the cluster, not to this node: it lives in the helper's
/// <see cref="HelperStanding"/> entity (<c>standings</c>: the shard region), which the registry
/// reads before it admits a helper and tells what changed (see <c>PeerRegistry.Standings.cs</c>),
/// so a helper quarantined through one node is quarantined on any node it joins. Helper ids are
/// this node's own, given on first sight and never reused. Live connections are not durable (a
/// new coordinator has none); across a restart after a failure they are carried over with the
/// standings and ids (<c>PeerRegistry.Restart.cs</c>), so the helpers already connected keep
/// their ids and their work.
/// </summary>
public sealed partial class PeerRegistry : ReceiveActor, IWithTimers, IWithUnboundedStash
{
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

    /// <summary>The connected helpers this instance has counted in <see cref="CoordinatorMetrics"/>.</summary>
    private long _counted;

    public PeerRegistry(CoordinatorSettings settings, IActorRef ledger, IActorRef standings)
    {
        _settings = settings;
        _ledger = ledger;
        _standings = standings;
        _replication = new AdaptiveReplication(settings.TrustRun, settings.MinReplicationRate);
        Ready();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public IStash Stash { get; set; } = null!;

    protected override void PreStart() => Timers.StartPeriodicTimer("journal", JournalDue.Instance, JournalEvery);

    /// <summary>A stopped or restarting instance takes its helpers out of the count; a restarted one counts them again as it admits them.</summary>
    protected override void PostStop()
    {
        CoordinatorMetrics.HelpersConnected(-_counted);
        _counted = 0;
        TellLedger();
        base.PostStop();
    }

    private void CountConnected()
    {
        CoordinatorMetrics.HelpersConnected(_byRef.Count - _counted);
        _counted = _byRef.Count;
    }

    private void Ready()
    {
        Receive<HelperJoined>(OnJoined);
        Receive<Standing>(OnStanding);
        Receive<ReadDue>(OnReadDue);
        Receive<HelperLoad>(OnLoad);
        Receive<Judgement>(OnJudgement);
        Receive<CreditsPosted>(OnCreditsPosted);
        Receive<SubscribeHelpers>(_ => Subscribe(Sender));
        Receive<Terminated>(OnTerminated);
        Receive<JournalDue>(_ => JournalReputations());
        Receive<CreditDue>(_ => TellLedger());
        Receive<PublishDue>(_ =>
        {
            if (_dirty)
            {
                Publish();
            }
        });
        Receive<ReleaseDue>(_ => Publish());
    }

    /// <summary>A helper connected here already is admitted at once; any other is admitted once its standing is read.</summary>
    private void OnJoined(HelperJoined joined)
    {
        var key = joined.Account + "/" + joined.Capabilities.Name;
        if (_byKey.TryGetValue(key, out var known) && known.Ref is not null)
        {
            if (!joined.Connection.Equals(known.Ref))
            {
                Admit(joined, known, answer: true);
                Publish();
            }

            return;
        }

        Read(key, joined);
    }

    private HelperRecord Enroll(long id, string key)
    {
        var record = new HelperRecord(id, key);
        _byKey[key] = record;
        _byId[id] = record;
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
        CountConnected();
        Context.Watch(joined.Connection);
        if (answer)
        {
            joined.Connection.Tell(new HelperAccepted(record.Id, _credits.GetValueOrDefault(joined.Account)), Self);
            _log.Info("Helper {0} ({1} at {2}, host {3}, {4} cores, frame {5:0.0} ms) registered as #{6}, run of {7} valid results{8}",
                [caps.Name, joined.Account, joined.Address, record.Host, caps.Cores, caps.FrameMs, record.Id, record.ValidRun,
                    record.IsQuarantined(DateTime.UtcNow) ? ", quarantined until " + record.QuarantinedUntil.ToString("O") : ""]);
        }

        ReleaseWhenDue(record);
    }

    private void OnLoad(HelperLoad load)
    {
        if (_byRef.TryGetValue(Sender, out var record))
        {
            record.Active = load.Active;
            record.Capacity = Math.Max(1, load.Capacity);
        }
    }

    /// <summary>A judgement of a helper whose standing is being read waits for it, so it applies to the cluster's standing, not a stale one.</summary>
    private void OnJudgement(Judgement judgement)
    {
        if (!_byId.TryGetValue(judgement.HelperId, out var record))
        {
            return;
        }

        if (_reading.TryGetValue(record.Key, out var reading))
        {
            reading.Judgements.Add(judgement);
            return;
        }

        Apply(record, judgement);
    }

    /// <summary>A rejection is written to the helper's standing at once: its quarantine holds on every node from now on.</summary>
    private void Apply(HelperRecord record, Judgement judgement)
    {
        var now = DateTime.UtcNow;
        var wasQuarantined = record.IsQuarantined(now);
        record.Apply(judgement, _settings, now);
        if (judgement.Kind is JudgementKind.Validated or JudgementKind.Accepted && record.Capabilities is { } caps)
        {
            Earn(record.Account, judgement.Cost, caps.Donate);
        }

        if (judgement.Kind == JudgementKind.Rejected)
        {
            Write(record);
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

    private void Subscribe(IActorRef subscriber)
    {
        if (_subscribers.Add(subscriber))
        {
            Context.Watch(subscriber);
        }

        subscriber.Tell(Directory(), Self);
    }

    /// <summary>A helper leaving takes its latest standing with it: written now, so the node it dials next reads it.</summary>
    private void OnTerminated(Terminated terminated)
    {
        _subscribers.Remove(terminated.ActorRef);
        if (_byRef.Remove(terminated.ActorRef, out var record))
        {
            CountConnected();
            record.Ref = null;
            if (record.Changed)
            {
                Write(record);
            }

            _log.Info("Helper #{0} {1} is gone", record.Id, record.Key);
            Publish();
        }
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

    private sealed record PublishDue
    {
        public static PublishDue Instance { get; } = new();
    }

    private sealed record ReleaseDue
    {
        public static ReleaseDue Instance { get; } = new();
    }
}
