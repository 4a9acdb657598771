using System.Diagnostics;

namespace P2C2R.Coordinator.Web.Dashboard;

/// <summary>
/// This process's share of the machine's CPU (0 to 1, all cores together) since the last reading,
/// from its processor time, which every platform .NET runs on reports: the load an operator
/// compares between coordinator nodes.
/// </summary>
public sealed class CpuGauge
{
    private TimeSpan _cpu = ProcessorTime();
    private long _wall = Stopwatch.GetTimestamp();

    public double Read()
    {
        var cpu = ProcessorTime();
        var wall = Stopwatch.GetTimestamp();
        var elapsed = Stopwatch.GetElapsedTime(_wall, wall).TotalSeconds * Environment.ProcessorCount;
        var share = elapsed > 0 ? (cpu - _cpu).TotalSeconds / elapsed : 0;
        _cpu = cpu;
        _wall = wall;
        return Math.Clamp(share, 0, 1);
    }

    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
