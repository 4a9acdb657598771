namespace P2C2R.Actors;

/// <summary>
/// Request-reply from outside an actor. Every Ask has a timeout (the configured one when none is
/// given), and asking an actor that is already gone fails at once instead of waiting it out.
/// </summary>
public static class AskExtensions
{
    public static Task<object> Ask(this IActorRef target, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Ask<object>(target, message, timeout, cancellationToken);

    public static async Task<T> Ask<T>(this IActorRef target, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (target is not ActorRefBase recipient)
        {
            throw new ArgumentException($"{target} is not a ref of this runtime", nameof(target));
        }

        if (recipient.IsTerminated)
        {
            throw new AskTimeoutException($"Ask to [{target.Path}] failed: the recipient had already been terminated");
        }

        var system = recipient.System;
        var wait = timeout ?? system.Settings.AskTimeout;
        var promise = new PromiseActorRef(system, system.NewTempPath());
        target.Tell(message, promise);
        object reply;
        try
        {
            reply = await promise.Task.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException exception) when (exception is not AskTimeoutException)
        {
            throw new AskTimeoutException($"Ask to [{target.Path}] timed out after {wait.TotalMilliseconds:0} ms waiting for a reply to {message.GetType().Name}");
        }

        return reply is T typed
            ? typed
            : throw new InvalidCastException($"Ask to [{target.Path}] expected {typeof(T).Name} but the reply was {reply.GetType().Name}");
    }
}
