using Microsoft.Extensions.Logging;
using P2C2R.Actors;
using P2C2R.Coordinator.Ledger;
using P2C2R.Persistence;
using P2C2R.Protocol;
using P2C2R.Remote;

namespace P2C2R.Coordinator.Helpers;

/// <summary>
/// Who the helpers are and how far they are trusted. Helpers register here; the registry
/// watches them, applies every judgement to their reputation, quarantines those that fall
/// below the threshold, sends validated work to the ledger to be credited, and publishes an
/// immutable <see cref="HelperDirectory"/> to the scheduler on each change.
/// Event-sourced: enrolments are journalled as they happen and reputations once a second, so a
/// recovered coordinator still knows who earned trust and who is quarantined; live refs are not
/// journalled, since helpers register again on their own.
/// </summary>
public sealed class PeerRegistry : PersistentActor, IWithTimers
{
    private static readonly TimeSpan JournalEvery = TimeSpan.FromSeconds(1);
    private readonly CoordinatorSettings _settings;
    private readonly IActorRef _ledger;
    private readonly Dictionary<string, HelperRecord> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<long, HelperRecord> _byId = [];
    private readonly Dictionary<string, long> _credits = new(StringComparer.Ordinal);
    private readonly List<IActorRef> _subscribers = [];
    private long _lastId;

    public PeerRegistry(CoordinatorSettings settings, IActorRef ledger)
    {
        _settings = settings;
        _ledger = ledger;
    }

    public override string PersistenceId => "registry";

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case HelperEnrolled enrolled:
                Enroll(enrolled);
                break;
            case ReputationChanged changed when _byKey.TryGetValue(changed.Key, out var record):
                record.Restore(changed);
                break;
        }
    }

    protected override void OnRecoveryCompleted()
    {
        Timers.StartPeriodicTimer("journal", new JournalDue(), JournalEvery);
        Context.System.EventStream.Subscribe(Self, typeof(Disassociated));
        Context.System.EventStream.Subscribe(Self, typeof(Associated));
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    protected override bool OnCommand(object message)
    {
        switch (message)
        {
            case RegisterHelper register:
                OnRegister(register);
                break;
            case HelperLoad load:
                OnLoad(load);
                break;
            case Judgement judgement:
                OnJudgement(judgement);
                break;
            case CreditsPosted posted:
                _credits[posted.Account] = posted.Credits;
                foreach (var record in _byId.Values.Where(r => r.Capabilities?.Account == posted.Account))
                {
                    record.Ref?.Tell(new CreditUpdate(posted.Credits, record.Validated, record.Rejected), Self);
                }

                break;
            case SubscribeHelpers:
                _subscribers.Add(Sender);
                Sender.Tell(Directory(), Self);
                break;
            case Terminated terminated:
                OnTerminated(terminated);
                break;
            case Disassociated lost:
                SetConnected(lost.Remote, false, lost.Reason);
                break;
            case Associated back:
                SetConnected(back.Remote, true, "connected again");
                break;
            case JournalDue:
                PersistAll([.. _byId.Values.Where(r => r.Changed).Select(r => r.Journalled())], _ => { });
                foreach (var record in _byId.Values)
                {
                    record.Changed = false;
                }

                break;
            default:
                return false;
        }

        return true;
    }

    private void OnRegister(RegisterHelper register)
    {
        var key = register.Capabilities.Account + "/" + register.Capabilities.Name;
        if (_byKey.TryGetValue(key, out var known))
        {
            if (!register.Helper.Equals(known.Ref))
            {
                Admit(register, known);
            }

            return;
        }

        Persist(new HelperEnrolled(key, _lastId + 1), enrolled => Admit(register, Enroll(enrolled)));
    }

    private HelperRecord Enroll(HelperEnrolled enrolled)
    {
        var record = new HelperRecord(enrolled.Id, enrolled.Key);
        _byKey[enrolled.Key] = record;
        _byId[record.Id] = record;
        _lastId = Math.Max(_lastId, enrolled.Id);
        return record;
    }

    private void Admit(RegisterHelper register, HelperRecord record)
    {
        var caps = register.Capabilities;
        if (record.Ref is not null)
        {
            Context.Unwatch(record.Ref);
        }

        record.Ref = register.Helper;
        record.Capabilities = caps;
        record.Capacity = Math.Max(1, caps.Concurrency);
        record.Active = 0;
        record.Address = Address.TryParse(register.Helper.Path.Address, out var address, out _) ? address : null;
        record.Host = address?.Host ?? register.Helper.Path.Address;
        record.Connected = true;
        Context.Watch(register.Helper);
        var credits = _credits.GetValueOrDefault(caps.Account);
        register.Helper.Tell(new HelperAccepted(record.Id, credits), Self);
        Log.LogInformation("Helper {Name} ({Account}, {Cores} cores, frame {FrameMs:0.0} ms) registered as #{Id}, reputation {Reputation:0.00}",
            caps.Name, caps.Account, caps.Cores, caps.FrameMs, record.Id, record.Reputation);
        Publish();
    }

    private void OnLoad(HelperLoad load)
    {
        foreach (var record in _byId.Values)
        {
            if (record.Ref is not null && record.Ref.Equals(Sender))
            {
                record.Active = load.Active;
                record.Capacity = Math.Max(1, load.Capacity);
                return;
            }
        }
    }

    private void OnJudgement(Judgement judgement)
    {
        if (!_byId.TryGetValue(judgement.HelperId, out var record))
        {
            return;
        }

        var wasQuarantined = record.IsQuarantined(DateTime.UtcNow);
        record.Apply(judgement, _settings, DateTime.UtcNow);
        if (judgement.Kind == JudgementKind.Validated && record.Capabilities is { } caps)
        {
            _ledger.Tell(new CreditHelper(caps.Account, judgement.Cost, caps.Donate), Self);
        }
        else if (judgement.Kind == JudgementKind.Rejected)
        {
            record.Ref?.Tell(new CreditUpdate(_credits.GetValueOrDefault(record.Capabilities?.Account ?? ""), record.Validated, record.Rejected), Self);
        }

        if (!wasQuarantined && record.IsQuarantined(DateTime.UtcNow))
        {
            Log.LogWarning("Helper #{Id} {Key} quarantined for {Time}: reputation {Reputation:0.00} after {Rejected} rejected results",
                record.Id, record.Key, _settings.QuarantineTime, record.Reputation, record.Rejected);
        }

        Publish();
    }

    private void OnTerminated(Terminated terminated)
    {
        foreach (var record in _byId.Values)
        {
            if (record.Ref is not null && record.Ref.Equals(terminated.ActorRef))
            {
                record.Ref = null;
                Log.LogInformation("Helper #{Id} {Key} is gone", record.Id, record.Key);
            }
        }

        Publish();
    }

    /// <summary>
    /// A helper whose connection dropped cannot be sent work, and what it holds will not come
    /// back on that connection: it leaves the directory at once, so the scheduler re-dispatches
    /// its tasks now rather than when the failure detector gives up on it (seconds later). It
    /// returns, with its reputation, if the same system connects again before it is declared dead.
    /// </summary>
    private void SetConnected(Address remote, bool connected, string reason)
    {
        var changed = false;
        foreach (var record in _byId.Values.Where(r => r.Ref is not null && r.Connected != connected && remote.Equals(r.Address)))
        {
            record.Connected = connected;
            changed = true;
            Log.LogInformation("Helper #{Id} {Key} {State} ({Reason})", record.Id, record.Key, connected ? "is back" : "disconnected", reason);
        }

        if (changed)
        {
            Publish();
        }
    }

    private HelperDirectory Directory()
    {
        var now = DateTime.UtcNow;
        return new HelperDirectory([.. _byId.Values.Where(r => r.Ref is not null && r.Connected).OrderBy(r => r.Id).Select(r => r.View(_settings, now))]);
    }

    private void Publish()
    {
        var directory = Directory();
        foreach (var subscriber in _subscribers)
        {
            subscriber.Tell(directory, Self);
        }
    }

    private sealed record JournalDue;
}
