using System.Text.Json;
using P2C2R.Protocol;

namespace P2C2R.GamerClient.Play;

/// <summary>What a play session measured on the gamer's side, printed as one JSON object with <c>--json</c>.</summary>
public sealed class PlayStats
{
    private readonly List<double> _latencies = [];

    public string SessionId { get; set; } = "";

    public long Frames { get; private set; }

    public long Bytes { get; private set; }

    /// <summary>Times the session was resumed after its coordinator went away.</summary>
    public int Resumes { get; set; }

    public SessionCounters Counters { get; set; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    public void Add(FrameUpdate frame, DateTime receivedUtc)
    {
        Frames++;
        Bytes += frame.Deflate.Length;
        Counters = frame.Counters;
        var startedUtc = DateTime.UnixEpoch.AddTicks(frame.TickStartedUnixMicros * 10);
        _latencies.Add((receivedUtc - startedUtc).TotalMilliseconds);
    }

    public double Percentile(double p)
    {
        if (_latencies.Count == 0)
        {
            return 0;
        }

        var sorted = _latencies.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }

    public string ToJson(double seconds)
    {
        var c = Counters;
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["sessionId"] = SessionId,
            ["seconds"] = Math.Round(seconds, 3),
            ["ticks"] = c.Ticks,
            ["frames"] = Frames,
            ["fps"] = Math.Round(Frames / Math.Max(0.001, seconds), 2),
            ["frameLatencyMsP50"] = Math.Round(Percentile(0.5), 2),
            ["frameLatencyMsP99"] = Math.Round(Percentile(0.99), 2),
            ["tasksTotal"] = c.TasksTotal,
            ["helperTaskShare"] = Math.Round(c.TasksTotal == 0 ? 0 : (double)c.HelperTasks / c.TasksTotal, 4),
            ["validationRejects"] = c.ValidationRejects,
            ["localFallbacks"] = c.LocalFallbacks,
            ["lateTicks"] = c.LateTicks,
            ["helpers"] = c.Helpers,
            ["bytesReceived"] = Bytes,
            ["resumes"] = Resumes,
        });
    }
}
