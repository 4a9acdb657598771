using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using P2C2R.Edge.Client;
using P2C2R.Edge.Framing;
using P2C2R.Protocol.Contracts;
using P2C2R.Protocol.Identity;

namespace P2C2R.EndToEnd.Tests.Security;

/// <summary>
/// A bare TCP connection to a coordinator's edge, for what no well-behaved client would send:
/// arbitrary bytes written as they are, frames read back one by one, and how the connection ended.
/// </summary>
internal sealed class RawEdgeSocket : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    private RawEdgeSocket(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawEdgeSocket> ConnectAsync(CoordinatorAddress coordinator)
    {
        var client = new TcpClient();
        await client.ConnectAsync(coordinator.Host, coordinator.Port).WaitAsync(TimeSpan.FromSeconds(5));
        return new RawEdgeSocket(client);
    }

    /// <summary>Reads the Challenge and answers it with a signed Hello of <paramref name="key"/>; returns the Welcome.</summary>
    public async Task<Welcome> HandshakeAsync(ECDsa key, EdgeRole role, string name)
    {
        var challenge = Assert.IsType<Challenge>(await ReadAsync(TimeSpan.FromSeconds(5)));
        await WriteAsync(Frame(new Hello(EdgeIdentityProof.ProtocolVersion, role, key.ExportSubjectPublicKeyInfo(), EdgeIdentityProof.Sign(key, role, challenge.Nonce), name, null)));
        return Assert.IsType<Welcome>(await ReadAsync(TimeSpan.FromSeconds(5)));
    }

    /// <summary>Writes <paramref name="bytes"/>; false when the coordinator had already closed the connection.</summary>
    public async Task<bool> WriteAsync(byte[] bytes)
    {
        try
        {
            await _stream.WriteAsync(bytes).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The next frame, or null at the end of the stream (or when the connection was reset).</summary>
    public async Task<IEdgeMessage?> ReadAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var header = new byte[EdgeFrames.HeaderBytes];
        if (!await ReadExactlyAsync(header, cancellation.Token))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header);
        Assert.InRange(length, 2u, (uint)EdgeFrames.DefaultMaxFrameBytes);
        var body = new byte[length - 2];
        return await ReadExactlyAsync(body, cancellation.Token)
            ? EdgeCodec.Decode(BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(EdgeFrames.LengthBytes)), new ReadOnlySequence<byte>(body))
            : null;
    }

    /// <summary>
    /// Reads until the coordinator closes the connection, at most <paramref name="timeout"/>;
    /// returns the Goodbye it sent, if it came through (a reset may swallow it), and whether it closed.
    /// </summary>
    public async Task<(Goodbye? Goodbye, bool Closed)> ReadUntilClosedAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        Goodbye? goodbye = null;
        try
        {
            while (DateTime.UtcNow < deadline)
            {
                var message = await ReadAsync(deadline - DateTime.UtcNow);
                if (message is null)
                {
                    return (goodbye, true);
                }

                goodbye = message as Goodbye ?? goodbye;
            }
        }
        catch (OperationCanceledException)
        {
            return (goodbye, false);
        }

        return (goodbye, false);
    }

    public static byte[] Frame(IEdgeMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        EdgeFrames.Write(buffer, message);
        return buffer.WrittenSpan.ToArray();
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<bool> ReadExactlyAsync(byte[] buffer, CancellationToken cancellation)
    {
        try
        {
            await _stream.ReadExactlyAsync(buffer, cancellation);
            return true;
        }
        catch (Exception error) when (error is EndOfStreamException or IOException)
        {
            return false;
        }
    }
}
