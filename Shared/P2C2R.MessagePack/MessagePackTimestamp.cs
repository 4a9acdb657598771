namespace P2C2R.MessagePack;

/// <summary>
/// The specification's timestamp extension (type -1): seconds since the Unix epoch and
/// nanoseconds within the second. Wider than <see cref="DateTime"/> in range and precision.
/// </summary>
public readonly record struct MessagePackTimestamp
{
    public const uint NanosecondsPerSecond = 1_000_000_000;

    public MessagePackTimestamp(long seconds, uint nanoseconds)
    {
        if (nanoseconds >= NanosecondsPerSecond)
        {
            throw new ArgumentOutOfRangeException(nameof(nanoseconds), nanoseconds, "nanoseconds must be below one second");
        }

        Seconds = seconds;
        Nanoseconds = nanoseconds;
    }

    public long Seconds { get; }
    public uint Nanoseconds { get; }

    public static MessagePackTimestamp FromDateTime(DateTime value)
    {
        var ticks = value.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        return new MessagePackTimestamp(seconds, (uint)(remainder * 100));
    }

    /// <summary>Converts to UTC, truncating to the 100 ns resolution of <see cref="DateTime"/>.</summary>
    public DateTime ToDateTime() =>
        DateTime.UnixEpoch.AddTicks(checked((Seconds * TimeSpan.TicksPerSecond) + (Nanoseconds / 100)));
}
