namespace P2C2R.Actors;

internal sealed partial class ActorCell
{
    private Task? _asyncTask;
    private int _asyncGeneration;
    private ActorSynchronizationContext? _asyncContext;

    /// <summary>
    /// Runs an async handler so that the mailbox holds further user messages until its task is
    /// done. Its continuations come back to this actor as system messages (through a
    /// synchronisation context), so code after an await never races the actor's next message.
    /// </summary>
    internal void RunAsyncHandler(Func<Task> handler)
    {
        var generation = ++_asyncGeneration;
        var context = new ActorSynchronizationContext(this, generation);
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        Task task;
        try
        {
            task = handler();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult();
            return;
        }

        _asyncTask = task;
        _asyncContext = context;
        task.ContinueWith(
            static (t, state) =>
            {
                var (cell, generation) = ((ActorCell, int))state!;
                cell.SelfRef.SendSystemMessage(new AsyncHandlerCompleted(t, generation));
            },
            (this, generation),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void RunContinuation(RunContinuation continuation)
    {
        if (continuation.Generation != _asyncGeneration || _asyncContext is null)
        {
            return;
        }

        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_asyncContext);
        try
        {
            continuation.Callback(continuation.State);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void CompleteAsyncHandler(AsyncHandlerCompleted completed)
    {
        if (completed.Generation != _asyncGeneration || !ReferenceEquals(completed.Task, _asyncTask))
        {
            return;
        }

        _asyncTask = null;
        _asyncContext = null;
        if (!completed.Task.IsCompletedSuccessfully)
        {
            var cause = completed.Task.Exception?.InnerException ?? new TaskCanceledException(completed.Task);
            HandleInvokeFailure(cause);
        }

        _current = default;
    }

    /// <summary>Forgets a pending handler (failure, restart, stop); its late continuations are dropped.</summary>
    private void AbandonAsyncHandler()
    {
        _asyncGeneration++;
        _asyncTask = null;
        _asyncContext = null;
    }

    private sealed class ActorSynchronizationContext(ActorCell cell, int generation) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) =>
            cell.SelfRef.SendSystemMessage(new RunContinuation(d, state, generation));

        public override void Send(SendOrPostCallback d, object? state) =>
            throw new NotSupportedException("synchronous Send into an actor would deadlock it; use Post");

        public override SynchronizationContext CreateCopy() => this;
    }
}
