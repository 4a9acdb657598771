namespace P2C2R.Actors;

/// <summary>Timers owned by an actor; all are cancelled when it restarts or stops.</summary>
public interface ITimerScheduler
{
    /// <summary>Sends <paramref name="message"/> to self once; replaces any timer with the same key.</summary>
    void StartSingleTimer(object key, object message, TimeSpan delay);

    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    bool IsTimerActive(object key);

    /// <summary>After this returns, no message of that timer is received, even one already queued.</summary>
    void Cancel(object key);

    void CancelAll();
}

/// <summary>Implemented by actors that want <see cref="ITimerScheduler"/> injected.</summary>
public interface IWithTimers
{
    ITimerScheduler Timers { get; set; }
}

/// <summary>A timer's message in flight, tagged so a cancelled or replaced timer's message is dropped.</summary>
internal sealed class TimerMessage(object key, int generation, object message, ActorTimers owner) : AutoReceivedMessage
{
    public object Key { get; } = key;
    public int Generation { get; } = generation;
    public object Message { get; } = message;
    public ActorTimers Owner { get; } = owner;
}

internal sealed class ActorTimers(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, (int Generation, ICancelable Handle, bool Repeating)> _timers = [];
    private int _generation;

    public void StartSingleTimer(object key, object message, TimeSpan delay) => Start(key, message, delay, null);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) =>
        Start(key, message, initialDelay, interval);

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var timer))
        {
            timer.Handle.Cancel();
        }
    }

    public void CancelAll()
    {
        foreach (var timer in _timers.Values)
        {
            timer.Handle.Cancel();
        }

        _timers.Clear();
    }

    /// <summary>True when the message belongs to a live timer; a single timer is then done.</summary>
    public bool Accept(TimerMessage message)
    {
        if (!ReferenceEquals(message.Owner, this) ||
            !_timers.TryGetValue(message.Key, out var timer) ||
            timer.Generation != message.Generation)
        {
            return false;
        }

        if (!timer.Repeating)
        {
            _timers.Remove(message.Key);
        }

        return true;
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan? interval)
    {
        Cancel(key);
        var generation = ++_generation;
        var tagged = new TimerMessage(key, generation, message, this);
        var scheduler = cell.System.Scheduler;
        var handle = interval is { } period
            ? scheduler.ScheduleTellRepeatedly(delay, period, cell.SelfRef, tagged, null)
            : scheduler.ScheduleTellOnce(delay, cell.SelfRef, tagged, null);
        _timers[key] = (generation, handle, interval is not null);
    }
}
