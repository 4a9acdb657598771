namespace P2C2R.Actors;

internal sealed partial class ActorCell
{
    private readonly HashSet<ActorRefBase> _watching = [];
    private readonly HashSet<ActorRefBase> _watchedBy = [];
    private readonly HashSet<ActorRefBase> _terminatedInFlight = [];

    public IActorRef Watch(IActorRef subject)
    {
        if (subject is ActorRefBase target && !target.Equals(SelfRef) && _watching.Add(target))
        {
            target.SendSystemMessage(new Watch(target, SelfRef));
        }

        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        if (subject is ActorRefBase target && _watching.Remove(target))
        {
            target.SendSystemMessage(new Unwatch(target, SelfRef));
        }

        if (subject is ActorRefBase watched)
        {
            _terminatedInFlight.Remove(watched);
        }

        return subject;
    }

    private void AddWatcher(ActorRefBase watcher)
    {
        if (!watcher.Equals(SelfRef))
        {
            _watchedBy.Add(watcher);
        }
    }

    private void RemoveWatcher(ActorRefBase watcher) => _watchedBy.Remove(watcher);

    /// <summary>
    /// A watched actor or a child died. The watch set is the de-duplication: a parent that also
    /// watches its child hears of its death twice but delivers <see cref="Terminated"/> once.
    /// <see cref="Terminated"/> goes through the user queue, so it arrives after every message the
    /// dead actor sent before it died; an Unwatch before it is processed still cancels it.
    /// </summary>
    private void HandleDeath(ActorRefBase dead)
    {
        var wasChild = RemoveChild(dead);
        if (_watching.Remove(dead) && _state < CellState.Terminating)
        {
            _terminatedInFlight.Add(dead);
            Mailbox.PostUndroppable(new WatchedActorTerminated(new Terminated(dead)), dead);
        }

        if (!wasChild)
        {
            return;
        }

        if (_state == CellState.Terminating && !HasChildren)
        {
            FinishTermination();
        }
        else if (_state == CellState.Recreating && !AnyChildStopping())
        {
            FinishRecreate(_recreateCause!);
        }
    }

    private void UnwatchAll()
    {
        foreach (var watchee in _watching)
        {
            watchee.SendSystemMessage(new Unwatch(watchee, SelfRef));
        }

        _watching.Clear();
    }

    private void NotifyWatchersOfDeath()
    {
        var notification = new DeathWatchNotification(SelfRef);
        foreach (var watcher in _watchedBy)
        {
            watcher.SendSystemMessage(notification);
        }

        _watchedBy.Clear();
    }

    /// <summary>Delivers a queued <see cref="Terminated"/> unless the watch was cancelled meanwhile.</summary>
    private void DeliverTerminated(WatchedActorTerminated message)
    {
        if (message.Terminated.ActorRef is ActorRefBase dead && _terminatedInFlight.Remove(dead) &&
            !_behaviors[^1](message.Terminated))
        {
            _actor!.Unhandled(message.Terminated);
        }
    }
}
