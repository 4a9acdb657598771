using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using P2C2R.Edge.Identity;
using P2C2R.Protocol.Identity;

namespace P2C2R.Benchmarks.Cluster;

/// <summary>
/// A <c>GamerClient play --headless --autopilot --json --frame-log FILE</c> process with a key of
/// its own (an account of its own), and what it has seen so far: its frame log, read while it
/// plays (<see cref="Frames"/>), and its JSON report once it has ended.
/// </summary>
public sealed class GamerProcess
{
    private readonly string _frameLog;

    private GamerProcess(int index, string account, string frameLog, LoggedProcess process)
    {
        Index = index;
        Account = account;
        _frameLog = frameLog;
        Process = process;
    }

    public int Index { get; }

    public string Account { get; }

    public LoggedProcess Process { get; }

    public string Name => $"gamer {Index + 1}";

    /// <summary>
    /// Waits longer than a gamer's default 10 s for a session to start: the first session of a
    /// fresh cluster also waits for its shard's first allocation and the journal's tables, and
    /// other work may share the cores.
    /// </summary>
    private const string Config = "p2c2r.gamer.request-timeout = 30s";

    /// <summary>Starts gamer <paramref name="index"/> (from 0) on <paramref name="edges"/> at <paramref name="ticksPerSecond"/> for <paramref name="seconds"/> (0: until killed).</summary>
    public static GamerProcess Start(ClusterProcesses processes, int index, string edges, int ticksPerSecond, int seconds)
    {
        var key = Path.Combine(processes.Folder, $"gamer-{index + 1}.key");
        using var identity = IdentityStore.LoadOrCreate(key);
        var frameLog = Path.Combine(processes.Folder, $"gamer-{index + 1}.frames");
        var process = processes.Start("GamerClient.dll", ["play", "--headless", "--autopilot", "--json", "--seconds", $"{seconds}", "--ticks", $"{ticksPerSecond}",
            "--frame-log", frameLog, "--coordinator", edges, "--identity", key, "--config", processes.Config("gamer.conf", Config)]);
        return new GamerProcess(index, EdgeIdentityProof.AccountOf(identity.ExportSubjectPublicKeyInfo()), frameLog, process);
    }

    /// <summary>Every frame logged so far, in arrival order (a line still being written is left out).</summary>
    public IReadOnlyList<FrameArrival> Frames()
    {
        if (!File.Exists(_frameLog))
        {
            return [];
        }

        using var stream = new FileStream(_frameLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var text = new StreamReader(stream).ReadToEnd();
        return [.. text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(FrameArrival.Parse)];
    }

    /// <summary>The session this gamer plays, from the line "Session ID started for ACCOUNT" one of <paramref name="cluster"/>'s nodes logged.</summary>
    public string? SessionOn(CoordinatorCluster cluster) => cluster.Nodes
        .Select(n => n.Process.Lines().Select(l => Regex.Match(l.Line, $@"Session (\S+) started for {Account}")).FirstOrDefault(m => m.Success))
        .FirstOrDefault(m => m is not null)?.Groups[1].Value;

    /// <summary>The JSON report <c>play --json</c> printed, if it got that far.</summary>
    public JsonElement? Report()
    {
        if (Process.Lines().LastOrDefault(l => l.Line.StartsWith('{')).Line is not { } line)
        {
            return null;
        }

        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }
}

/// <summary>One line of a gamer's frame log: the tick, when its frame arrived and when its tick started on the coordinator (Unix milliseconds).</summary>
public readonly record struct FrameArrival(long Tick, long ReceivedMs, long StartedMs)
{
    public static FrameArrival Parse(string line)
    {
        var fields = line.Split(' ');
        return new FrameArrival(long.Parse(fields[0], CultureInfo.InvariantCulture), long.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[2], CultureInfo.InvariantCulture));
    }
}
