using Akka.Event;
using Akka.Persistence;
using P2C2R.Coordinator.Helpers;
using P2C2R.GameSdk;

namespace P2C2R.Coordinator.Sessions;

/// <summary>Recovery from the journal and its snapshots, and the lease one write of keys covers.</summary>
public sealed partial class Session
{
    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: SessionSnapshot snapshot }:
                _world = _settings.Game.Restore(_options, snapshot.World);
                Journaled(new KeysFrom(_world.Tick, snapshot.Keys, snapshot.LastInput, Math.Max(snapshot.Until, _world.Tick)));
                break;
            case KeysFrom from:
                PlayUpTo(from.Tick);
                Journaled(from);
                break;
            case RecoveryCompleted:
                PlayUpTo(_journaled.Until);
                OnRecoveryCompleted();
                break;
        }
    }

    /// <summary>Replays journalled ticks with the keys in force, every task computed here.</summary>
    private void PlayUpTo(long tick)
    {
        while (_world.Tick < tick)
        {
            _world.Advance(_journaled.Keys, LocalResults.Instance);
        }
    }

    private void Journaled(KeysFrom from)
    {
        _journaled = from;
        (_keys, _lastInput) = (from.Keys, from.LastInput);
    }

    /// <summary>Ends the journal's lease at the tick reached, so the journal holds exactly the ticks played, then goes on.</summary>
    private void CutLease(Action then)
    {
        var tick = _world.Tick;
        if (_journaled.Until <= tick)
        {
            then();
            return;
        }

        Persist(_journaled with { Tick = tick, Until = tick }, cut =>
        {
            _journaled = cut;
            then();
        });
    }

    private void OnRecoveryCompleted()
    {
        _nextToEncode = _nextToSend = _world.Tick;
        if (_world.Tick > 0)
        {
            _log.Info("Session {0} recovered at tick {1}, world {2}", _id, _world.Tick, _world.Digest()[..16]);
        }

        _registry.Tell(SubscribeHelpers.Instance, Self);
        Timers.StartPeriodicTimer("report", ReportDue.Instance, TimeSpan.FromSeconds(1));
        if (_gamer is not null)
        {
            Attach(_gamer);
        }
    }
}
