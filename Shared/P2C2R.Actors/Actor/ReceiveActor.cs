namespace P2C2R.Actors;

/// <summary>
/// An actor whose behaviours are tables of typed handlers, declared in the constructor or in
/// <see cref="Become(Action)"/>. Handlers are tried in declaration order; the first whose type
/// (and optional predicate) matches handles the message.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly HandlerTable _initial = new();
    private HandlerTable? _configuring;

    protected ReceiveActor() => _configuring = _initial;

    protected internal sealed override bool Receive(object message) => _initial.Handle(message);

    protected void Receive<T>(Action<T> handler) => Configuring.Add(new ActionHandler<T>(handler, null));

    /// <summary>Handles a <typeparamref name="T"/> only when <paramref name="shouldHandle"/> accepts it.</summary>
    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) =>
        Configuring.Add(new ActionHandler<T>(handler, shouldHandle));

    /// <summary>A handler that decides itself whether it handled the message.</summary>
    protected void Receive<T>(Func<T, bool> handler) => Configuring.Add(new FuncHandler<T>(handler));

    /// <summary>
    /// An async handler: no other user message is processed until its task completes, and code
    /// after each await runs inside this actor. A faulted task fails the actor like a throw.
    /// </summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler) => Configuring.Add(new AsyncHandler<T>(Cell, handler, null));

    protected void ReceiveAsync<T>(Predicate<T> shouldHandle, Func<T, Task> handler) =>
        Configuring.Add(new AsyncHandler<T>(Cell, handler, shouldHandle));

    protected void ReceiveAny(Action<object> handler) => Configuring.Add(new ActionHandler<object>(handler, null));

    /// <summary>Replaces the current behaviour with the handlers <paramref name="configure"/> declares.</summary>
    protected void Become(Action configure) => Context.Become(Build(configure).Handle);

    protected void BecomeStacked(Action configure) => Context.BecomeStacked(Build(configure).Handle);

    protected void UnbecomeStacked() => Context.UnbecomeStacked();

    private protected override void OnConstructedCore() => _configuring = null;

    private HandlerTable Configuring => _configuring
        ?? throw new InvalidOperationException("Receive may only be called in the constructor or inside Become");

    private HandlerTable Build(Action configure)
    {
        var previous = _configuring;
        var table = new HandlerTable();
        _configuring = table;
        try
        {
            configure();
        }
        finally
        {
            _configuring = previous;
        }

        return table;
    }

    private sealed class HandlerTable
    {
        private Handler[] _handlers = [];

        public void Add(Handler handler) => _handlers = [.. _handlers, handler];

        public bool Handle(object message)
        {
            foreach (var handler in _handlers)
            {
                if (handler.TryHandle(message))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private abstract class Handler
    {
        public abstract bool TryHandle(object message);
    }

    private sealed class ActionHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : Handler
    {
        public override bool TryHandle(object message)
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed)))
            {
                return false;
            }

            handler(typed);
            return true;
        }
    }

    private sealed class FuncHandler<T>(Func<T, bool> handler) : Handler
    {
        public override bool TryHandle(object message) => message is T typed && handler(typed);
    }

    private sealed class AsyncHandler<T>(ActorCell cell, Func<T, Task> handler, Predicate<T>? shouldHandle) : Handler
    {
        public override bool TryHandle(object message)
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed)))
            {
                return false;
            }

            cell.RunAsyncHandler(() => handler(typed));
            return true;
        }
    }
}
