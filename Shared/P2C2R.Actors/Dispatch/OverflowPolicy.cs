namespace P2C2R.Actors;

/// <summary>What a full bounded mailbox gives up; the dropped message goes to dead letters.</summary>
public enum OverflowPolicy
{
    /// <summary>Refuse the incoming message: senders feel the overload, queued work is kept.</summary>
    DropNewest,

    /// <summary>Evict the oldest queued message: fresh data (ticks, positions) beats stale data.</summary>
    DropOldest,
}
