using P2C2R.Coordinator.Ledger;
using P2C2R.GameSdk;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Sessions;

/// <summary>What a session tells of itself: its counters, its status and its final report when it stops.</summary>
public sealed partial class Session
{
    /// <summary>Ends the session: the last charge, the gamer and whoever asked told, its account's record closed.</summary>
    private void Stop(StopSession stop)
    {
        _ledger.Tell(new ChargePlay(_id, _account, _world.Tick * 1000 / _ticksPerSecond), Self);
        _gamer?.Tell(new SessionEnded(_id, Counters()), Self);
        if (stop.Requester is not null && !stop.Requester.Equals(_gamer))
        {
            stop.Requester.Tell(new SessionEnded(_id, Counters()), Self);
        }

        Report(Reported(Info() with { Active = false }));
        Context.Stop(Self);
    }

    private SessionReport Reported(SessionInfo info) => new(info, _frameLatency.Mean(0), _frameLatency.Percentile(0.95, 0));

    /// <summary>The session's report goes to its account (through the entity) and to this node's event stream, where the operator dashboard reads it.</summary>
    private void Report(SessionReport report)
    {
        Context.Parent.Tell(report, Self);
        Context.System.EventStream.Publish(report);
    }

    private SessionCounters Counters() => new(
        _world.Tick, _sent, _tasks, _helperComputed, _rejects, _coordinatorComputed + _results.Fallbacks, _helpers, _lateTicks,
        _cpuMicros, _helperBytes, _gamerBytes);

    /// <summary>
    /// The session as queried. The digest hashes the whole world's snapshot, so the periodic
    /// report to the manager leaves it out; a query asks the live session itself.
    /// </summary>
    private SessionInfo Info(bool withDigest = true) => new(_id, _account, true, _world.Tick, Counters(), withDigest ? _world.Digest() : "", _node);
}
