using Microsoft.Extensions.Logging;
using P2C2R.Actors;
using P2C2R.Protocol;
using P2C2R.Remote;

namespace P2C2R.Coordinator.Helpers;

/// <summary>
/// Who the helpers are and how far they are trusted. Helpers register here; the registry
/// watches them, applies every judgement to their reputation, quarantines those that fall
/// below the threshold, credits validated work, and publishes an immutable
/// <see cref="HelperDirectory"/> to the scheduler on each change.
/// </summary>
public sealed class PeerRegistry : ReceiveActor
{
    private readonly CoordinatorSettings _settings;
    private readonly Dictionary<string, HelperRecord> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<long, HelperRecord> _byId = [];
    private readonly List<IActorRef> _subscribers = [];
    private long _nextId;

    public PeerRegistry(CoordinatorSettings settings)
    {
        _settings = settings;
        Receive<RegisterHelper>(OnRegister);
        Receive<HelperLoad>(OnLoad);
        Receive<Judgement>(OnJudgement);
        Receive<SubscribeHelpers>(_ =>
        {
            _subscribers.Add(Sender);
            Sender.Tell(Directory(), Self);
        });
        Receive<Terminated>(OnTerminated);
    }

    private void OnRegister(RegisterHelper register)
    {
        var caps = register.Capabilities;
        var key = caps.Account + "/" + caps.Name;
        if (_byKey.TryGetValue(key, out var known) && register.Helper.Equals(known.Ref))
        {
            return;
        }

        if (!_byKey.TryGetValue(key, out var record))
        {
            record = new HelperRecord(++_nextId, key);
            _byKey[key] = record;
            _byId[record.Id] = record;
        }
        else if (record.Ref is not null && !record.Ref.Equals(register.Helper))
        {
            Context.Unwatch(record.Ref);
        }

        record.Ref = register.Helper;
        record.Capabilities = caps;
        record.Capacity = Math.Max(1, caps.Concurrency);
        record.Active = 0;
        record.Host = Address.TryParse(register.Helper.Path.Address, out var address, out _) ? address.Host : register.Helper.Path.Address;
        Context.Watch(register.Helper);
        register.Helper.Tell(new HelperAccepted(record.Id, record.Credits), Self);
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
        if (judgement.Kind is JudgementKind.Validated or JudgementKind.Rejected)
        {
            record.Ref?.Tell(new CreditUpdate(record.Credits, record.Validated, record.Rejected), Self);
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

    private HelperDirectory Directory()
    {
        var now = DateTime.UtcNow;
        return new HelperDirectory([.. _byId.Values.Where(r => r.Ref is not null).OrderBy(r => r.Id).Select(r => r.View(_settings, now))]);
    }

    private void Publish()
    {
        var directory = Directory();
        foreach (var subscriber in _subscribers)
        {
            subscriber.Tell(directory, Self);
        }
    }
}
