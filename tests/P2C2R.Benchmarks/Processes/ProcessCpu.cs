using System.Globalization;

namespace P2C2R.Benchmarks.Processes;

/// <summary>
/// CPU time a process has used (user plus system, all its threads), read from
/// <c>/proc/&lt;pid&gt;/stat</c>, so a harness can charge one process for work while other
/// processes on the same cores (helpers, clients) are left out.
/// </summary>
public static class ProcessCpu
{
    /// <summary>Clock ticks per second of the fields in <c>/proc/&lt;pid&gt;/stat</c> (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>User plus system time of <paramref name="pid"/> so far.</summary>
    public static TimeSpan Of(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");

        // The command name (field 2) is in parentheses and may hold spaces: fields are counted after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var user = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var system = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((user + system) / TicksPerSecond);
    }
}
