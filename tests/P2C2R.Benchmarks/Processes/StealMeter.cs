using System.Globalization;

namespace P2C2R.Benchmarks.Processes;

/// <summary>
/// How busy the machine was between two points, for the line each harness prints: CPU steal (time
/// the hypervisor gave other guests, from <c>/proc/stat</c>) and the load average (other work on
/// these cores, from <c>/proc/loadavg</c>). Both move from run to run on this VM, which is why only
/// ratios measured within one run are compared.
/// </summary>
public readonly struct StealMeter
{
    private readonly long steal;
    private readonly long total;

    private StealMeter(long steal, long total)
    {
        this.steal = steal;
        this.total = total;
    }

    public static StealMeter Start()
    {
        var (steal, total) = Read();
        return new StealMeter(steal, total);
    }

    /// <summary>"CPU steal n %, load average l (1 min)" since <see cref="Start"/>.</summary>
    public string Since()
    {
        var (nowSteal, nowTotal) = Read();
        var elapsed = nowTotal - total;
        var stolen = elapsed <= 0 ? "n/a" : (100.0 * (nowSteal - steal) / elapsed).ToString("0.0", CultureInfo.InvariantCulture) + " %";
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        return $"CPU steal {stolen}, load average {load} at the end (1 min, {Environment.ProcessorCount} cores)";
    }

    private static (long Steal, long Total) Read()
    {
        // cpu  user nice system idle iowait irq softirq steal guest guest_nice
        var line = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return (values.Length == 8 ? values[7] : 0, values.Sum());
    }
}
