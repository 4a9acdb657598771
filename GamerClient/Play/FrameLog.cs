using System.Globalization;

namespace P2C2R.GamerClient.Play;

/// <summary>
/// Writes one line per frame received, <c>TICK RECEIVED_MS STARTED_MS</c>: when it arrived and
/// when the coordinator started its tick, each in milliseconds since the Unix epoch, into a file
/// (<c>play --frame-log FILE</c>), flushed at once. Another process on the same machine can then
/// tell when the picture stood still and when a tick played after a given moment reached the
/// gamer, as the cluster benchmark does around a node it kills (a frame still in flight at the
/// kill arrives after it, but its tick started before).
/// </summary>
public sealed class FrameLog(string path) : IDisposable
{
    private readonly StreamWriter _writer = new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read)) { AutoFlush = true };

    public void Write(long tick, DateTime receivedUtc, long tickStartedUnixMicros) =>
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{tick} {(receivedUtc - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond} {tickStartedUnixMicros / 1000}"));

    public void Dispose() => _writer.Dispose();
}
