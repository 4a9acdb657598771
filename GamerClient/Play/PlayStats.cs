using System.Security.Cryptography;
using System.Text.Json;
using P2C2R.Protocol.Contracts;

namespace P2C2R.GamerClient.Play;

/// <summary>What a play session measured on the gamer's side, printed as one JSON object with <c>--json</c>.</summary>
public sealed class PlayStats
{
    private const int Window = 64;
    private readonly List<double> _latencies = [];
    private readonly Queue<(DateTime At, double LatencyMs)> _recent = new();
    private readonly double[] _window = new double[Window];
    private DateTime _lastAt;
    private readonly IncrementalHash _framesHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _firstDecoded = -1;
    private long _lastDecoded = -1;
    private bool _gap;

    public string SessionId { get; set; } = "";

    public long Frames { get; private set; }

    public long Bytes { get; private set; }

    /// <summary>Times the session was resumed after its coordinator went away.</summary>
    public int Resumes { get; set; }

    /// <summary>
    /// Connections after the first (to the same coordinator or another of the list): with
    /// <see cref="Resumes"/> it tells a session that came back from one lost with its node.
    /// </summary>
    public int Reconnects { get; set; }

    /// <summary>
    /// The longest wall-clock time between two frames received, across reconnections: how long the
    /// picture stood still at worst, as when the session's coordinator node went away and the
    /// session resumed on another. Averages hide such a stall.
    /// </summary>
    public TimeSpan LongestFrameGap { get; private set; }

    public SessionCounters Counters { get; set; } = SessionCounters.Zero;

    public void Add(FrameUpdate frame, DateTime receivedUtc)
    {
        StillAt(receivedUtc);

        Frames++;
        Bytes += frame.Deflate.Length;
        Counters = frame.Counters;
        var receivedMicros = (receivedUtc - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
        var latency = (receivedMicros - frame.TickStartedUnixMicros) / 1000.0;
        _latencies.Add(latency);
        _recent.Enqueue((receivedUtc, latency));
        _lastAt = receivedUtc;
        if (_recent.Count > Window)
        {
            _recent.Dequeue();
        }
    }

    /// <summary>
    /// The picture has stood still since the last frame until <paramref name="nowUtc"/>: called for
    /// each frame, and when play ends, so a session that never came back counts its whole stall.
    /// </summary>
    public void StillAt(DateTime nowUtc)
    {
        if (Frames > 0 && nowUtc - _lastAt > LongestFrameGap)
        {
            LongestFrameGap = nowUtc - _lastAt;
        }
    }

    /// <summary>
    /// Hashes decoded frames in tick order: with no tick missing, the digest is comparable with
    /// <c>GamerClient replay</c> over the same ticks.
    /// </summary>
    public void AddDecoded(long tick, ReadOnlySpan<byte> rgb)
    {
        _gap |= _lastDecoded >= 0 && tick != _lastDecoded + 1;
        _firstDecoded = _firstDecoded < 0 ? tick : _firstDecoded;
        _lastDecoded = tick;
        _framesHash.AppendData(rgb);
    }

    /// <summary>Frames per second and median latency over the last frames, for the status line (without allocating: it runs per frame).</summary>
    public (double Fps, double LatencyMs) Recent()
    {
        if (_recent.Count < 2)
        {
            return (0, _recent.Count == 0 ? 0 : _recent.Peek().LatencyMs);
        }

        var count = 0;
        foreach (var (_, latency) in _recent)
        {
            _window[count++] = latency;
        }

        var latencies = _window.AsSpan(0, count);
        latencies.Sort();
        var span = (_lastAt - _recent.Peek().At).TotalSeconds;
        return ((count - 1) / Math.Max(0.001, span), latencies[count / 2]);
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
        var figures = new Dictionary<string, object>
        {
            ["sessionId"] = SessionId,
            ["seconds"] = Math.Round(seconds, 3),
            ["ticks"] = c.Ticks,
            ["frames"] = Frames,
            ["fps"] = Math.Round(Frames / Math.Max(0.001, seconds), 2),
            ["frameLatencyMsP50"] = Math.Round(Percentile(0.5), 2),
            ["frameLatencyMsP99"] = Math.Round(Percentile(0.99), 2),
            ["tasksTotal"] = c.TasksTotal,
            ["validationRejects"] = c.ValidationRejects,
            ["lateTicks"] = c.LateTicks,
            ["helpers"] = c.Helpers,
            ["bytesReceived"] = Bytes,
            ["resumes"] = Resumes,
            ["reconnects"] = Reconnects,
            ["longestFrameGapMs"] = Math.Round(LongestFrameGap.TotalMilliseconds, 1),
            ["firstTick"] = _firstDecoded,
            ["lastTick"] = _lastDecoded,
            ["framesDigest"] = _gap || _firstDecoded < 0 ? "" : Convert.ToHexStringLower(_framesHash.GetCurrentHash()),
        };
        foreach (var (name, value) in SessionCost.Of(c))
        {
            figures[name] = value;
        }

        return JsonSerializer.Serialize(figures);
    }
}
