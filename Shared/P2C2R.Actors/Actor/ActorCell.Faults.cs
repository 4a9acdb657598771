using Microsoft.Extensions.Logging;

namespace P2C2R.Actors;

internal sealed partial class ActorCell
{
    private bool _failed;
    private object? _failedMessage;
    private int _suspendCount;

    /// <summary>
    /// An exception escaped the actor: it stops taking user messages, suspends its children and
    /// asks its parent what to do. The message that failed is not retried.
    /// </summary>
    private void HandleInvokeFailure(Exception exception)
    {
        if (_state >= CellState.Terminating)
        {
            Log.LogError(exception, "{Path} failed while stopping", SelfRef.Path);
            return;
        }

        if (_failed)
        {
            Log.LogError(exception, "{Path} failed again while its supervisor decides", SelfRef.Path);
            return;
        }

        _failed = true;
        _failedMessage = _current.Message;
        AbandonAsyncHandler();
        SendToChildren(Suspend.Instance);
        ParentRef.SendSystemMessage(new Failed(SelfRef, exception, SelfRef.Uid));
    }

    private void SuspendSelfAndChildren()
    {
        _suspendCount++;
        SendToChildren(Suspend.Instance);
    }

    private void HandleResume(Resume resume)
    {
        if (resume.CausedByFailure is { } cause)
        {
            if (_actor is null)
            {
                FaultRecreate(cause);
                return;
            }

            _failed = false;
            _failedMessage = null;
        }
        else if (_suspendCount > 0)
        {
            _suspendCount--;
        }

        SendToChildren(Resume.Unsuspend);
    }

    private void HandleFailedChild(Failed failed)
    {
        var child = FindChild(failed.Child);
        if (child is null || child.Actor.Uid != failed.Uid || child.Stopping || _state >= CellState.Terminating)
        {
            return;
        }

        var strategy = _actor?.SupervisorStrategyInternal() ?? System.Settings.GuardianStrategy;
        if (!strategy.HandleFailure(this, child, failed.Cause))
        {
            HandleInvokeFailure(failed.Cause);
        }
    }
}
