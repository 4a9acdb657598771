using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace P2C2R.Remote.Transport;

/// <summary>
/// One TCP connection (optionally TLS) with a pipe on each side. Frames are parsed in place from
/// the input pipe; writes go to the output pipe and reach the socket on flush, so everything
/// written between two flushes leaves in one send. Closing is idempotent and logs the reason once.
/// </summary>
internal sealed class Connection
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly ILogger _log;
    private readonly int _maximumFrameSize;
    private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _closing = new();

    public Connection(Socket socket, Stream stream, bool inbound, int maximumFrameSize, ILogger log)
    {
        _socket = socket;
        _stream = stream;
        _log = log;
        _maximumFrameSize = maximumFrameSize;
        Inbound = inbound;
        Remote = socket.RemoteEndPoint?.ToString() ?? "?";
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024, leaveOpen: true));
    }

    /// <summary>True when the other side dialled.</summary>
    public bool Inbound { get; }

    /// <summary>The socket's remote endpoint, for logs.</summary>
    public string Remote { get; }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public bool IsClosed => _closed.Task.IsCompleted;

    /// <summary>Completes with the close reason.</summary>
    public Task<string> Closed => _closed.Task;

    public CancellationToken Closing => _closing.Token;

    /// <summary>Frames written into the output pipe so far (by its single writer).</summary>
    public long FramesWritten { get; private set; }

    /// <summary>Reassembles fragmented messages arriving on this connection.</summary>
    public FragmentAssembler Fragments { get; } = new();

    /// <summary>Writes one whole frame into the output pipe (sent on the next flush).</summary>
    public void WriteFrame(FrameKind kind, ReadOnlySpan<byte> body)
    {
        var span = Output.GetSpan(Frames.HeaderSize + body.Length);
        Frames.WriteHeader(span, kind, body.Length);
        body.CopyTo(span[Frames.HeaderSize..]);
        Output.Advance(Frames.HeaderSize + body.Length);
        FramesWritten++;
    }

    /// <summary>
    /// Writes a handshake frame straight to the stream, ahead of the output pipe (which must
    /// not have been written yet). Synchronous, so the frame is out before the association's
    /// writer can use this connection.
    /// </summary>
    public bool SendImmediately(FrameKind kind, ReadOnlySpan<byte> body)
    {
        var frame = new byte[Frames.HeaderSize + body.Length];
        Frames.WriteHeader(frame, kind, body.Length);
        body.CopyTo(frame.AsSpan(Frames.HeaderSize));
        try
        {
            _stream.Write(frame);
            _stream.Flush();
            return true;
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            Close($"write failed: {exception.Message}", error: !IsClosed);
            return false;
        }
    }

    public async ValueTask<bool> FlushAsync()
    {
        try
        {
            var result = await Output.FlushAsync(_closing.Token).ConfigureAwait(false);
            return !result.IsCompleted && !result.IsCanceled;
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            Close($"write failed: {exception.Message}", error: !IsClosed);
            return false;
        }
    }

    /// <summary>Reads exactly one frame within <paramref name="timeout"/> (the handshake); null when the connection closed.</summary>
    public async Task<(FrameKind Kind, byte[] Body)?> ReadOneFrameAsync(TimeSpan timeout)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        timer.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var result = await Input.ReadAsync(timer.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (Frames.TryRead(ref buffer, _maximumFrameSize, out var kind, out var body))
                {
                    var copy = body.ToArray();
                    Input.AdvanceTo(buffer.Start);
                    return (kind, copy);
                }

                if (result.IsCompleted)
                {
                    Close(
                        buffer.IsEmpty ? "closed by the other side during the handshake" : $"closed by the other side in the middle of a handshake frame ({buffer.Length} bytes unread)",
                        error: !buffer.IsEmpty);
                    return null;
                }

                Input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (OperationCanceledException) when (!_closing.IsCancellationRequested)
        {
            Close($"no handshake within {timeout.TotalMilliseconds:0} ms", error: true);
            return null;
        }
        catch (FrameException exception)
        {
            Close($"malformed frame: {exception.Message}", error: true);
            return null;
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            Close($"read failed: {exception.Message}", error: false);
            return null;
        }
    }

    /// <summary>
    /// Reads frames until the connection ends, handing each to <paramref name="onFrame"/> while its
    /// body is still in the pipe's buffer. A protocol violation closes only this connection.
    /// </summary>
    public async Task RunReadLoopAsync(FrameHandler onFrame)
    {
        try
        {
            while (true)
            {
                var result = await Input.ReadAsync(_closing.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (Frames.TryRead(ref buffer, _maximumFrameSize, out var kind, out var body))
                {
                    onFrame(this, kind, body);
                }

                Input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    Close(buffer.IsEmpty ? "closed by the other side" : $"closed by the other side in the middle of a frame ({buffer.Length} bytes unread)", error: !buffer.IsEmpty);
                    return;
                }
            }
        }
        catch (FrameException exception)
        {
            Close($"malformed frame: {exception.Message}", error: true);
        }
        catch (P2C2R.MessagePack.WireFormatException exception)
        {
            Close($"malformed message: {exception.Message}", error: true);
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            Close(IsClosed ? "closed" : $"read failed: {exception.Message}", error: false);
        }
    }

    public void Close(string reason, bool error)
    {
        if (!_closed.TrySetResult(reason))
        {
            return;
        }

        if (error)
        {
            _log.LogWarning("Connection {Remote} closed: {Reason}", Remote, reason);
        }
        else
        {
            _log.LogDebug("Connection {Remote} closed: {Reason}", Remote, reason);
        }

        _closing.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _stream.Dispose();
        _socket.Dispose();
    }
}

/// <summary>Handles one frame whose body is valid only for the duration of the call.</summary>
internal delegate void FrameHandler(Connection connection, FrameKind kind, ReadOnlySequence<byte> body);
