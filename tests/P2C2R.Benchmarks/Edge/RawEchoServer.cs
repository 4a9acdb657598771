using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using P2C2R.Benchmarks.Processes;
using P2C2R.Edge.Framing;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Benchmarks.Edge;

/// <summary>
/// <c>serve raw-echo</c>: the baseline of the edge benchmark, in a process of its own. A plain
/// socket per connection with pipes over it, frames read and written by the same framing and
/// codec as the edge (<see cref="EdgeFrames"/>, <see cref="EdgeCodec"/>), one flush per batch
/// read; no handshake, no Kestrel, no actors, no heartbeats, no role checks.
/// </summary>
public static class RawEchoServer
{
    public static async Task RunAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = new CancellationTokenSource();
        var accepting = AcceptAsync(listener, stop.Token);
        await ServedProcess.RunAsync(((IPEndPoint)listener.LocalEndpoint).Port, _ => null);
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
    }

    private static async Task AcceptAsync(TcpListener listener, CancellationToken stop)
    {
        var connections = new List<Task>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var socket = await listener.AcceptSocketAsync(stop);
                socket.NoDelay = true;
                connections.Add(Task.Run(() => ServeAsync(socket), CancellationToken.None));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(connections);
    }

    private static async Task ServeAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = PipeReader.Create(stream);
        var writer = PipeWriter.Create(stream);
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync();
                var buffer = result.Buffer;
                var wrote = false;
                while (EdgeFrames.TryRead(ref buffer, EdgeFrames.DefaultMaxFrameBytes, out var code, out var body))
                {
                    if (EdgeCodec.Decode(code, body) is HelperLoad load && EchoProtocol.Answers(load))
                    {
                        EdgeFrames.Write(writer, EchoProtocol.Reply(load));
                        wrote = true;
                    }
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (wrote)
                {
                    await writer.FlushAsync();
                }

                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (IOException)
        {
            // The client went away: this connection is done.
        }
        finally
        {
            await reader.CompleteAsync();
            await writer.CompleteAsync();
        }
    }
}
