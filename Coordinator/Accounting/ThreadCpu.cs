using System.Diagnostics;
using System.Runtime.InteropServices;

namespace P2C2R.Coordinator.Accounting;

/// <summary>
/// CPU time of the calling thread, for charging the coordinator's own work to the session it
/// served: wall time would also count the time other processes took from this core. On Linux it
/// is the kernel's per-thread clock; elsewhere it falls back to elapsed time, an upper bound.
/// </summary>
public static partial class ThreadCpu
{
    private const int ThreadCpuClock = 3;
    private static readonly bool s_kernelClock = OperatingSystem.IsLinux() && Probe();

    /// <summary>Microseconds of CPU this thread has used (or a monotonic clock where that is not known).</summary>
    public static long NowMicros()
    {
        if (s_kernelClock && ClockGetTime(ThreadCpuClock, out var now) == 0)
        {
            return now.Seconds * 1_000_000 + now.Nanoseconds / 1000;
        }

        return Stopwatch.GetTimestamp() * 1_000_000 / Stopwatch.Frequency;
    }

    private static bool Probe()
    {
        try
        {
            return ClockGetTime(ThreadCpuClock, out _) == 0;
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
