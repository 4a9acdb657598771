using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using P2C2R.Edge.Framing;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Benchmarks.Edge;

/// <summary>
/// The baseline's client: a plain socket with pipes, the same frames and the same pacing as
/// <see cref="EdgeEchoDriver"/>. One-way writes a whole chunk and flushes it once; a reader loop
/// counts acknowledgements.
/// </summary>
public sealed class RawEchoClient : IAsyncDisposable
{
    private readonly NetworkStream stream;
    private readonly PipeReader reader;
    private readonly PipeWriter writer;

    private RawEchoClient(NetworkStream stream)
    {
        this.stream = stream;
        reader = PipeReader.Create(stream);
        writer = PipeWriter.Create(stream);
    }

    public static async Task<RawEchoClient> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        return new RawEchoClient(new NetworkStream(socket, ownsSocket: true));
    }

    public async Task<double[]> RoundTripsAsync(int count)
    {
        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            EdgeFrames.Write(writer, new HelperLoad(i + 1, EchoProtocol.RoundTrip));
            await writer.FlushAsync();
            await ReadReplyAsync();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        return times;
    }

    public async Task<OneWayResult> OneWayAsync(TimeSpan duration)
    {
        using var window = new SemaphoreSlim(EchoProtocol.WindowChunks);
        var clock = Stopwatch.StartNew();
        long sent = 0;
        var acks = Task.Run(async () =>
        {
            while (await ReadReplyAsync() is { } reply)
            {
                window.Release();
                if (reply.Credits < 0)
                {
                    break;
                }
            }
        });

        while (clock.Elapsed < duration)
        {
            if (!await window.WaitAsync(TimeSpan.FromSeconds(10)))
            {
                throw new TimeoutException("the raw echo server stopped acknowledging");
            }

            for (var i = 0; i < EchoProtocol.AckEvery; i++)
            {
                EdgeFrames.Write(writer, new HelperLoad((int)++sent, EchoProtocol.OneWay));
            }

            await writer.FlushAsync();
        }

        for (var i = 0; i < EchoProtocol.WindowChunks; i++)
        {
            if (!await window.WaitAsync(TimeSpan.FromSeconds(10)))
            {
                throw new TimeoutException("the raw echo server did not acknowledge the last chunks");
            }
        }

        var elapsed = clock.Elapsed;

        // Stops the reader loop: the server answers a round-trip message with its sequence, here -1.
        EdgeFrames.Write(writer, new HelperLoad(-1, EchoProtocol.RoundTrip));
        await writer.FlushAsync();
        await acks.WaitAsync(TimeSpan.FromSeconds(10));
        return new OneWayResult(sent, elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        await reader.CompleteAsync();
        await writer.CompleteAsync();
        await stream.DisposeAsync();
    }

    private async Task<CreditUpdate?> ReadReplyAsync()
    {
        while (true)
        {
            var result = await reader.ReadAsync();
            var buffer = result.Buffer;
            CreditUpdate? reply = null;
            if (EdgeFrames.TryRead(ref buffer, EdgeFrames.DefaultMaxFrameBytes, out var code, out var body))
            {
                reply = (CreditUpdate)EdgeCodec.Decode(code, body);
            }

            if (reply is not null)
            {
                // Only what was consumed counts as examined: the next frame may already be in the buffer.
                reader.AdvanceTo(buffer.Start);
                return reply;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);

            if (result.IsCompleted)
            {
                return null;
            }
        }
    }
}
