using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using P2C2R.Edge.Framing;
using P2C2R.Protocol.Contracts;
using P2C2R.Protocol.Identity;

namespace P2C2R.Edge.Tests.Support;

/// <summary>
/// A hand-driven edge peer for tests: sends whatever bytes a test wants (well-formed or not) and
/// reads frames, so the server can be probed the way a stranger on the internet would.
/// </summary>
internal sealed class RawEdgeClient : IAsyncDisposable
{
    private readonly Stream stream;
    private readonly PipeReader reader;
    private readonly IPEndPoint? local;

    private RawEdgeClient(Socket socket)
        : this(new NetworkStream(socket, ownsSocket: true), (IPEndPoint?)socket.LocalEndPoint)
    {
    }

    private RawEdgeClient(Stream stream, IPEndPoint? local)
    {
        this.stream = stream;
        this.local = local;
        reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
    }

    /// <summary>A peer over a WebSocket of the edge for browsers: the same frames, carried in binary messages.</summary>
    public static async Task<RawEdgeClient> OverWebSocketAsync(Uri uri, string? origin)
    {
        var socket = new System.Net.WebSockets.ClientWebSocket();
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await socket.ConnectAsync(uri, timeout.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new RawEdgeClient(System.Net.WebSockets.WebSocketStream.Create(socket, System.Net.WebSockets.WebSocketMessageType.Binary, TimeSpan.FromSeconds(2)), null);
    }

    /// <summary>The server's end of an accepted socket, for a fake coordinator.</summary>
    public static RawEdgeClient Over(Socket accepted) => new(accepted);

    public IPEndPoint Local => local ?? throw new InvalidOperationException("a WebSocket peer's local address is not known here");

    public static async Task<RawEdgeClient> ConnectAsync(int port, IPAddress? local = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (local is not null)
        {
            socket.Bind(new IPEndPoint(local, 0));
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        return new RawEdgeClient(socket);
    }

    /// <summary>Reads the challenge and answers with a valid Hello; returns the server's answer.</summary>
    public async Task<IEdgeMessage?> HandshakeAsync(ECDsa key, EdgeRole role, string name = "raw", string? token = null)
    {
        var challenge = Assert.IsType<Challenge>(await ReadAsync());
        await SendAsync(new Hello(2, role, key.ExportSubjectPublicKeyInfo(), EdgeIdentityProof.Sign(key, role, challenge.Nonce), name, token));
        return await ReadAsync();
    }

    /// <summary>Handshakes and asserts a Welcome.</summary>
    public async Task<Welcome> JoinAsync(ECDsa key, EdgeRole role, string name = "raw") =>
        Assert.IsType<Welcome>(await HandshakeAsync(key, role, name));

    public async Task SendAsync(IEdgeMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        EdgeFrames.Write(buffer, message);
        await SendRawAsync(buffer.WrittenMemory);
    }

    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await stream.WriteAsync(bytes, timeout.Token);
    }

    /// <summary>A frame with any code and body bytes.</summary>
    public static byte[] Frame(ushort code, ReadOnlySpan<byte> body)
    {
        var frame = new byte[6 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)(body.Length + 2));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), code);
        body.CopyTo(frame.AsSpan(6));
        return frame;
    }

    /// <summary>The next frame's message; null when the server closed (or reset) the connection.</summary>
    public async Task<IEdgeMessage?> ReadAsync(TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? TimeSpan.FromSeconds(5));
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(timeout.Token);
                var buffer = result.Buffer;
                IEdgeMessage? message = null;
                if (EdgeFrames.TryRead(ref buffer, 64 * 1024 * 1024, out var code, out var body))
                {
                    message = EdgeCodec.Decode(code, body);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (message is not null)
                {
                    return message;
                }

                if (result.IsCompleted)
                {
                    return null;
                }
            }
        }
        catch (Exception e) when (e is IOException or System.Net.WebSockets.WebSocketException)
        {
            return null;
        }
    }

    /// <summary>Reads past other frames to the Goodbye; null when the connection ended without one.</summary>
    public async Task<Goodbye?> ReadGoodbyeAsync(TimeSpan? wait = null)
    {
        var deadline = DateTime.UtcNow + (wait ?? TimeSpan.FromSeconds(5));
        while (DateTime.UtcNow < deadline)
        {
            switch (await ReadAsync(deadline - DateTime.UtcNow))
            {
                case Goodbye goodbye:
                    return goodbye;
                case null:
                    return null;
            }
        }

        throw new TimeoutException("no goodbye");
    }

    /// <summary>Whether the server closed the connection (EOF or reset) within <paramref name="wait"/>, skipping frames.</summary>
    public async Task<bool> ClosedWithinAsync(TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        try
        {
            while (DateTime.UtcNow < deadline)
            {
                if (await ReadAsync(deadline - DateTime.UtcNow) is null)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await reader.CompleteAsync();
        await stream.DisposeAsync();
    }
}
