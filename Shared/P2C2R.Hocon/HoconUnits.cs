using System.Globalization;

namespace P2C2R.Hocon;

/// <summary>The HOCON duration and size units (a bare number is milliseconds or bytes).</summary>
public static class HoconUnits
{
    private static readonly (string[] Names, double TicksPerUnit)[] DurationUnits =
    [
        (["ns", "nano", "nanos", "nanosecond", "nanoseconds"], 0.01),
        (["us", "micro", "micros", "microsecond", "microseconds"], 10),
        (["", "ms", "milli", "millis", "millisecond", "milliseconds"], TimeSpan.TicksPerMillisecond),
        (["s", "second", "seconds"], TimeSpan.TicksPerSecond),
        (["m", "minute", "minutes"], TimeSpan.TicksPerMinute),
        (["h", "hour", "hours"], TimeSpan.TicksPerHour),
        (["d", "day", "days"], TimeSpan.TicksPerDay),
    ];

    private static readonly (string[] Names, long Bytes)[] SizeUnits =
    [
        (["", "B", "b", "byte", "bytes"], 1),
        (["kB", "KB", "kilobyte", "kilobytes"], 1000),
        (["K", "k", "Ki", "KiB", "kibibyte", "kibibytes"], 1L << 10),
        (["MB", "megabyte", "megabytes"], 1000_000),
        (["M", "m", "Mi", "MiB", "mebibyte", "mebibytes"], 1L << 20),
        (["GB", "gigabyte", "gigabytes"], 1000_000_000),
        (["G", "g", "Gi", "GiB", "gibibyte", "gibibytes"], 1L << 30),
        (["TB", "terabyte", "terabytes"], 1000_000_000_000),
        (["T", "t", "Ti", "TiB", "tebibyte", "tebibytes"], 1L << 40),
    ];

    /// <summary>Parses <c>10s</c>, <c>250 ms</c>, <c>1.5 minutes</c> or <c>infinite</c>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        text = text.Trim();
        if (text is "infinite" or "inf")
        {
            duration = Timeout.InfiniteTimeSpan;
            return true;
        }

        if (!TrySplit(text, out var number, out var unit))
        {
            return false;
        }

        foreach (var (names, ticks) in DurationUnits)
        {
            if (Array.IndexOf(names, unit) >= 0)
            {
                duration = TimeSpan.FromTicks((long)Math.Round(number * ticks));
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses <c>64 KiB</c>, <c>1MB</c> or a plain byte count.</summary>
    public static bool TryParseByteSize(string text, out long bytes)
    {
        bytes = 0;
        if (!TrySplit(text.Trim(), out var number, out var unit))
        {
            return false;
        }

        foreach (var (names, size) in SizeUnits)
        {
            if (Array.IndexOf(names, unit) >= 0)
            {
                bytes = (long)Math.Round(number * size);
                return true;
            }
        }

        return false;
    }

    private static bool TrySplit(string text, out double number, out string unit)
    {
        var i = 0;
        while (i < text.Length && (char.IsDigit(text[i]) || text[i] is '.' or '-' or '+' or 'e' or 'E') &&
               !(text[i] is 'e' or 'E' && (i == 0 || i + 1 >= text.Length || !(char.IsDigit(text[i + 1]) || text[i + 1] is '-' or '+'))))
        {
            i++;
        }

        unit = text[i..].Trim();
        return double.TryParse(text.AsSpan(0, i), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }
}
