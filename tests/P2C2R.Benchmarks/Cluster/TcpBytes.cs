using System.Globalization;
using System.Text.RegularExpressions;

namespace P2C2R.Benchmarks.Cluster;

/// <summary>
/// Payload bytes on this machine's established TCP connections whose local end is one of some
/// listening ports, read from the kernel with <c>ss -tinH state established</c>
/// (<c>bytes_acked</c>: sent by that end and acknowledged; <c>bytes_received</c>). Counting only
/// the accepting end counts each loopback connection once. Two samples subtract per connection: one
/// opened in between counts whole, one closed in between is lost and counted in
/// <see cref="Window.Closed"/>. This is how Akka.Remote's traffic between coordinator nodes is told
/// apart from the rest of a process's I/O (cluster ports), and the gamers' edge traffic (edge ports).
/// </summary>
public static partial class TcpBytes
{
    /// <summary>Each established connection's counters, by "local peer" address pair.</summary>
    public static async Task<Dictionary<string, Counters>> SampleAsync()
    {
        var output = await SocketStats.RunAsync("-tinH", "state", "established");
        var sockets = new Dictionary<string, Counters>(StringComparer.Ordinal);
        string? socket = null;
        foreach (var line in output.Split('\n'))
        {
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]))
            {
                // Recv-Q Send-Q Local:Port Peer:Port
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                socket = fields.Length >= 4 ? fields[^2] + " " + fields[^1] : null;
            }
            else if (socket is not null && line.Trim().Length > 0)
            {
                sockets[socket] = new Counters(Field(line, Acked()), Field(line, Received()));
                socket = null;
            }
        }

        return sockets;
    }

    /// <summary>The bytes between <paramref name="start"/> and <paramref name="end"/> on connections whose local port is one of <paramref name="ports"/>.</summary>
    public static Window Between(Dictionary<string, Counters> start, Dictionary<string, Counters> end, IReadOnlyCollection<int> ports)
    {
        bool Ours(string socket) => ports.Contains(LocalPort(socket));
        long sent = 0, received = 0;
        foreach (var (socket, now) in end.Where(s => Ours(s.Key)))
        {
            var before = start.GetValueOrDefault(socket);
            sent += now.Sent - before.Sent;
            received += now.Received - before.Received;
        }

        return new Window(sent, received, start.Keys.Count(s => Ours(s) && !end.ContainsKey(s)));
    }

    private static int LocalPort(string socket)
    {
        var local = socket.Split(' ')[0];
        return int.Parse(local[(local.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
    }

    private static long Field(string line, Regex field) =>
        field.Match(line) is { Success: true } match ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"\bbytes_acked:(\d+)")]
    private static partial Regex Acked();

    [GeneratedRegex(@"\bbytes_received:(\d+)")]
    private static partial Regex Received();

    /// <summary>One connection's counters from its local end.</summary>
    public readonly record struct Counters(long Sent, long Received);

    /// <summary>Bytes sent and received by the listening ends over a window, and the connections that closed during it (their bytes after the first sample are missing).</summary>
    public readonly record struct Window(long Sent, long Received, int Closed)
    {
        public long Total => Sent + Received;
    }
}
