namespace P2C2R.Actors;

/// <summary>
/// Lifecycle, supervision and DeathWatch traffic. System messages bypass the user queue's bound
/// and are processed first, so a flooded actor can still be stopped, resumed or watched.
/// </summary>
internal abstract class SystemMessage;

internal sealed class Create : SystemMessage
{
    public static readonly Create Instance = new();
}

internal sealed class StopActor : SystemMessage
{
    public static readonly StopActor Instance = new();
}

internal sealed class Suspend : SystemMessage
{
    public static readonly Suspend Instance = new();
}

/// <summary>Resumes after a suspension; with a cause it is the supervisor's Resume directive.</summary>
internal sealed class Resume(Exception? causedByFailure) : SystemMessage
{
    public static readonly Resume Unsuspend = new(null);
    public Exception? CausedByFailure { get; } = causedByFailure;
}

internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

internal sealed class Failed(ActorRefBase child, Exception cause, long uid) : SystemMessage
{
    public ActorRefBase Child { get; } = child;
    public Exception Cause { get; } = cause;
    public long Uid { get; } = uid;
}

internal sealed class Watch(ActorRefBase watchee, ActorRefBase watcher) : SystemMessage
{
    public ActorRefBase Watchee { get; } = watchee;
    public ActorRefBase Watcher { get; } = watcher;
}

internal sealed class Unwatch(ActorRefBase watchee, ActorRefBase watcher) : SystemMessage
{
    public ActorRefBase Watchee { get; } = watchee;
    public ActorRefBase Watcher { get; } = watcher;
}

internal sealed class DeathWatchNotification(ActorRefBase actor) : SystemMessage
{
    public ActorRefBase Actor { get; } = actor;
}

/// <summary>A continuation of an async handler, run inside the actor so it never races the actor.</summary>
internal sealed class RunContinuation(SendOrPostCallback callback, object? state, int generation) : SystemMessage
{
    public SendOrPostCallback Callback { get; } = callback;
    public object? State { get; } = state;
    public int Generation { get; } = generation;
}

internal sealed class AsyncHandlerCompleted(Task task, int generation) : SystemMessage
{
    public Task Task { get; } = task;
    public int Generation { get; } = generation;
}
