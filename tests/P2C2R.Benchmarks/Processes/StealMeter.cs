using System.Globalization;

namespace P2C2R.Benchmarks.Processes;

/// <summary>
/// The machine's CPU steal (time the hypervisor gave other guests) between two points, from
/// <c>/proc/stat</c>. Every harness prints it: on this VM it moves from run to run, which is why
/// only ratios measured within one run are compared.
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

    /// <summary>Share of all CPU time since <see cref="Start"/> that was stolen, as "n %".</summary>
    public string Since()
    {
        var (nowSteal, nowTotal) = Read();
        var elapsed = nowTotal - total;
        return elapsed <= 0 ? "n/a" : (100.0 * (nowSteal - steal) / elapsed).ToString("0.0", CultureInfo.InvariantCulture) + " %";
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
