using Microsoft.Extensions.Logging;

namespace P2C2R.Actors;

/// <summary>
/// Base of every actor. An instance is created by its cell from <see cref="Props"/>, never with
/// <c>new</c> elsewhere, and only ever runs one message at a time, so its fields need no locks.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    protected ActorBase()
    {
        _cell = ActorCell.Constructing
            ?? throw new ActorInitializationException(null, $"{GetType().Name} must be created through Props by an actor system or context, not with new");
    }

    protected IActorContext Context => _cell;

    protected IActorRef Self => _cell.SelfRef;

    /// <summary>Sender of the message being processed; dead letters when there is none.</summary>
    protected IActorRef Sender => _cell.Sender;

    protected ILogger Log => _cell.Log;

    private protected ActorCell Cell => _cell;

    /// <summary>The initial behaviour; true when the message was handled.</summary>
    protected internal abstract bool Receive(object message);

    protected virtual void PreStart()
    {
    }

    protected virtual void PostStop()
    {
    }

    /// <summary>Called on the failed instance; by default stops all children, then PostStop.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>Called on the fresh instance; by default PreStart.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children. Override to choose on purpose.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.DefaultStrategy;

    /// <summary>
    /// A message no behaviour handled: published as <see cref="UnhandledMessage"/>; an unhandled
    /// <see cref="Terminated"/> fails the actor with <see cref="DeathPactException"/>.
    /// </summary>
    protected internal virtual void Unhandled(object message)
    {
        if (message is Terminated terminated)
        {
            throw new DeathPactException(terminated.ActorRef);
        }

        _cell.System.EventStream.Publish(new UnhandledMessage(message, _cell.CurrentEnvelope.Sender, Self));
        Log.LogDebug("{Path} did not handle {MessageType}", Self.Path, message.GetType().Name);
    }

    private protected virtual void OnConstructedCore()
    {
    }

    internal void OnConstructed() => OnConstructedCore();

    /// <summary>
    /// Wraps <see cref="PreStart"/>. Runtime extensions override the Around hooks to run work of
    /// their own whatever the actor's hooks do (a persistent actor starts its recovery here).
    /// </summary>
    protected virtual void AroundPreStart() => PreStart();

    protected virtual void AroundPostStop() => PostStop();

    protected virtual void AroundPreRestart(Exception reason, object? message) => PreRestart(reason, message);

    protected virtual void AroundPostRestart(Exception reason) => PostRestart(reason);

    internal void InvokePreStart() => AroundPreStart();

    internal void InvokePostStop() => AroundPostStop();

    internal void InvokePreRestart(Exception reason, object? message) => AroundPreRestart(reason, message);

    internal void InvokePostRestart(Exception reason) => AroundPostRestart(reason);

    internal SupervisorStrategy SupervisorStrategyInternal() => SupervisorStrategy();
}
