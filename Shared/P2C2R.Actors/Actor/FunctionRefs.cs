using Microsoft.Extensions.Logging;

namespace P2C2R.Actors;

/// <summary>Where undeliverable messages go; they are counted, logged and published.</summary>
internal sealed class DeadLettersRef(ActorSystem system, ActorPath path) : ActorRefBase(system, path, 0)
{
    public override void Tell(object message, IActorRef? sender) =>
        System.DeadLetterOffice.Publish(message, sender, this, "sent to dead letters");

    internal override void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch)
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this));
        }
    }
}

/// <summary>The temporary sender of an Ask: the first reply completes the task.</summary>
internal sealed class PromiseActorRef(ActorSystem system, ActorPath path)
    : ActorRefBase(system, path, 0)
{
    private readonly TaskCompletionSource<object> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<object> Task => _promise.Task;

    public override bool IsTerminated => _promise.Task.IsCompleted;

    public override void Tell(object message, IActorRef? sender)
    {
        if (message is Status.Failure failure)
        {
            _promise.TrySetException(failure.Cause);
        }
        else
        {
            _promise.TrySetResult(message);
        }
    }

    public void Fail(Exception cause) => _promise.TrySetException(cause);

    internal override void SendSystemMessage(SystemMessage message)
    {
    }
}

/// <summary>
/// Parent of the two guardians. When the user guardian stops (or fails past its strategy) the
/// system shuts down, as there is nothing left to run.
/// </summary>
internal sealed class RootGuardianRef(ActorSystem system, ActorPath path) : ActorRefBase(system, path, 0)
{
    public override void Tell(object message, IActorRef? sender) =>
        System.DeadLetterOffice.Publish(message, sender, this, "sent to the root guardian");

    internal override void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case DeathWatchNotification death:
                System.OnGuardianTerminated(death.Actor);
                break;
            case Failed failed:
                System.RuntimeLog.LogCritical(failed.Cause, "guardian {Path} failed; stopping it", failed.Child.Path);
                failed.Child.SendSystemMessage(StopActor.Instance);
                break;
        }
    }
}
