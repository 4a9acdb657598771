using Akka.Actor;
using Akka.Event;

namespace P2C2R.PeerNode.Helping;

/// <summary>Draining: leaving the coordinator without losing a task (docs/PROTOCOL.md §5).</summary>
public sealed partial class HelperActor
{
    private void OnDrain(Drain drain)
    {
        _drainRequester = Sender;
        if (_draining)
        {
            CheckDrained();
            return;
        }

        _draining = true;
        var waiting = _queue.Count + _awaitingBlobs.Count;
        foreach (var pending in _queue)
        {
            HandBack(pending.Task.TaskId, "the helper is draining");
        }

        foreach (var pending in _awaitingBlobs.TakeAll())
        {
            HandBack(pending.Task.TaskId, "the helper is draining");
        }

        _queue.Clear();
        _log.Info("Draining: {0} waiting tasks handed back; running ones may finish within {1}", waiting, drain.Timeout);
        Timers.StartSingleTimer(DrainTimer, DrainDeadline.Instance, drain.Timeout);
        CheckDrained();
    }

    private void CheckDrained()
    {
        if (_draining && !_saidGoodbye && OwedResults() == 0)
        {
            FinishDrain();
        }
    }

    /// <summary>
    /// Hands back what still runs for the current connection, then stops the edge client: its
    /// connection sends what is queued (those hand-backs) and then Goodbye 0, and no new
    /// connection is dialed. Whoever asked for the drain is told.
    /// </summary>
    private void FinishDrain()
    {
        if (!_saidGoodbye)
        {
            _saidGoodbye = true;
            Timers.Cancel(DrainTimer);
            if (_connected)
            {
                foreach (var running in _running.Values)
                {
                    if (running.Connection == _connection)
                    {
                        HandBack(running.TaskId, "the helper is stopping");
                    }
                }
            }

            // A PoisonPill, not Context.Stop: a stop would overtake the hand-backs still in the client's mailbox.
            Context.Unwatch(_client);
            _client.Tell(PoisonPill.Instance, Self);
            _connected = false;
            _log.Info("Drained after {0} tasks ({1} handed back); leaving the coordinator", _done, _handedBackByDrain);
        }

        _drainRequester?.Tell(new Drained(_done, _handedBackByDrain), Self);
        _drainRequester = null;
    }

    private void HandBack(long taskId, string reason)
    {
        if (_connected)
        {
            Send(TaskResults.HandedBack(taskId, reason));
            _handedBackByDrain++;
        }
    }

    private int OwedResults()
    {
        if (!_connected)
        {
            return 0;
        }

        var owed = 0;
        foreach (var running in _running.Values)
        {
            if (running.Connection == _connection)
            {
                owed++;
            }
        }

        return owed;
    }
}
