using Microsoft.Extensions.Logging;

namespace P2C2R.Actors;

internal sealed partial class ActorCell
{
    private Exception? _recreateCause;
    private ActorTimers? _timers;
    private ActorStash? _stash;

    private void CreateActor()
    {
        if (_state != CellState.Creating)
        {
            return;
        }

        try
        {
            _actor = NewActor();
            Attach(_actor);
            _state = CellState.Running;
            _actor.InvokePreStart();
        }
        catch (Exception exception)
        {
            _state = CellState.Running;
            HandleInvokeFailure(new ActorInitializationException(SelfRef, "exception during creation", exception));
        }
    }

    private void Attach(ActorBase actor)
    {
        actor.OnConstructed();
        if (actor is IWithTimers withTimers)
        {
            withTimers.Timers = _timers ??= new ActorTimers(this);
        }

        if (actor is IWithStash withStash)
        {
            withStash.Stash = _stash ??= new ActorStash(this, System.Settings.StashCapacity);
        }
    }

    /// <summary>
    /// The supervisor's Restart: the failed instance gets PreRestart (which by default stops the
    /// children), and once those children are gone a fresh instance takes over the same mailbox.
    /// </summary>
    private void FaultRecreate(Exception cause)
    {
        if (_state >= CellState.Terminating)
        {
            return;
        }

        _suspendCount = 0;
        var failed = _actor;
        var message = _failedMessage;
        AbandonAsyncHandler();
        _timers?.CancelAll();
        _stash?.UnstashAll();
        if (failed is not null)
        {
            try
            {
                failed.InvokePreRestart(cause, message);
            }
            catch (Exception exception)
            {
                Log.LogError(exception, "{Path} threw in PreRestart", SelfRef.Path);
            }
        }

        _actor = null;
        _current = default;
        if (AnyChildStopping())
        {
            _state = CellState.Recreating;
            _recreateCause = cause;
            return;
        }

        FinishRecreate(cause);
    }

    private void FinishRecreate(Exception cause)
    {
        var survivors = ChildEntries().Where(c => !c.Stopping).ToArray();
        _state = CellState.Running;
        _recreateCause = null;
        _failed = false;
        _failedMessage = null;
        try
        {
            _actor = NewActor();
            Attach(_actor);
            _actor.InvokePostRestart(cause);
        }
        catch (Exception exception)
        {
            HandleInvokeFailure(new ActorInitializationException(SelfRef, "exception during restart", exception));
            return;
        }

        foreach (var survivor in survivors)
        {
            survivor.Actor.SendSystemMessage(new Recreate(cause));
        }
    }

    /// <summary>Stopping: children first, then PostStop, then watchers and parent are told.</summary>
    private void BeginTermination()
    {
        lock (_children)
        {
            if (_state >= CellState.Terminating)
            {
                return;
            }

            _state = CellState.Terminating;
        }

        _timers?.CancelAll();
        AbandonAsyncHandler();
        UnwatchAll();
        if (HasChildren)
        {
            StopAllChildren();
            return;
        }

        FinishTermination();
    }

    private void FinishTermination()
    {
        var actor = _actor;
        try
        {
            actor?.InvokePostStop();
        }
        catch (Exception exception)
        {
            Log.LogError(exception, "{Path} threw in PostStop", SelfRef.Path);
        }

        _actor = null;
        _behaviors.Clear();
        lock (_children)
        {
            _state = CellState.Terminated;
        }

        SelfRef.MarkTerminated();
        Mailbox.Close();
        while (_unstashed.TryDequeue(out var pending))
        {
            System.DeadLetterOffice.Publish(pending.Message, pending.Sender, SelfRef, "recipient terminated");
        }

        _stash?.DrainToDeadLetters();
        NotifyWatchersOfDeath();
        ParentRef.SendSystemMessage(new DeathWatchNotification(SelfRef));
    }

    /// <summary>What a system message means once this actor is gone: watchers still learn it died.</summary>
    internal void HandleSystemMessageAfterDeath(SystemMessage message)
    {
        if (message is Watch watch && !watch.Watcher.Equals(SelfRef))
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(SelfRef));
        }
    }
}
