using System.Collections.Concurrent;

namespace P2C2R.Actors;

/// <summary>A scheduled action that can be called off.</summary>
public interface ICancelable
{
    bool IsCancellationRequested { get; }

    void Cancel();
}

/// <summary>
/// Delayed and periodic sends on the runtime's shared timer queue (no thread per timer). Every
/// live timer is tracked, so shutdown cancels all of them and nothing fires into a dead system.
/// </summary>
public sealed class Scheduler
{
    private readonly ConcurrentDictionary<ScheduledItem, byte> _active = new();
    private volatile bool _shutdown;

    /// <summary>Timers scheduled and neither fired (once) nor cancelled.</summary>
    public int ActiveCount => _active.Count;

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender) =>
        Schedule(delay, Timeout.InfiniteTimeSpan, () => receiver.Tell(message, sender));

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return Schedule(initialDelay, interval, () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action) => Schedule(delay, Timeout.InfiniteTimeSpan, action);

    internal void Shutdown()
    {
        _shutdown = true;
        foreach (var item in _active.Keys)
        {
            item.Cancel();
        }
    }

    private ScheduledItem Schedule(TimeSpan delay, TimeSpan period, Action action)
    {
        var item = new ScheduledItem(this, action, period != Timeout.InfiniteTimeSpan);
        if (_shutdown)
        {
            item.Cancel();
            return item;
        }

        _active.TryAdd(item, 0);
        item.Start(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, period);
        if (_shutdown)
        {
            item.Cancel();
        }

        return item;
    }

    private sealed class ScheduledItem(Scheduler owner, Action action, bool repeating) : ICancelable
    {
        private Timer? _timer;
        private int _cancelled;

        public bool IsCancellationRequested => Volatile.Read(ref _cancelled) != 0;

        public void Start(TimeSpan delay, TimeSpan period)
        {
            var timer = new Timer(static state => ((ScheduledItem)state!).Fire(), this, Timeout.Infinite, Timeout.Infinite);
            Volatile.Write(ref _timer, timer);
            if (IsCancellationRequested)
            {
                timer.Dispose();
                return;
            }

            timer.Change(delay, period);
        }

        public void Cancel()
        {
            if (Interlocked.Exchange(ref _cancelled, 1) != 0)
            {
                return;
            }

            Volatile.Read(ref _timer)?.Dispose();
            owner._active.TryRemove(this, out _);
        }

        private void Fire()
        {
            if (IsCancellationRequested)
            {
                return;
            }

            if (!repeating)
            {
                Cancel();
            }

            action();
        }
    }
}
