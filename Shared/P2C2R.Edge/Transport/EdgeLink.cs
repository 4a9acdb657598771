using System.IO.Pipelines;
using System.Threading.Channels;
using System.Threading.RateLimiting;
using P2C2R.Edge.Framing;
using P2C2R.Edge.Server;
using P2C2R.Protocol;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Edge.Transport;

/// <summary>
/// One established edge connection, on either side: a read loop that takes frames off the pipe,
/// enforces rate, role and size and hands each decoded message to a sink; a write loop that drains
/// a bounded queue into the pipe and flushes once per batch; and a heartbeat that pings and closes
/// a silent peer. Pings, Pongs and Goodbyes are handled here, never by the application. Closing is
/// one idempotent step from any thread; <see cref="RunAsync"/> finishes when both loops have.
/// </summary>
internal sealed class EdgeLink : IEdgeOutbound
{
    /// <summary>Bytes written without a flush before the write loop flushes mid-batch.</summary>
    private const int FlushThresholdBytes = 64 * 1024;

    private const int LoggedReasonChars = 200;

    private readonly PipeReader input;
    private readonly PipeWriter output;
    private readonly EdgeLinkSettings settings;
    private readonly Channel<IEdgeMessage> outbound;
    private readonly TokenBucketRateLimiter? rate;
    private readonly CancellationTokenSource stopping = new();
    private readonly CancellationTokenSource closeDeadline = new();
    private readonly Lock gate = new();

    private long lastReceivedMs = Environment.TickCount64;
    private long roundTripMicros = -1;
    private volatile bool closed;
    private volatile bool abandoned;
    private EdgeCloseCode? closeCode;
    private string closeReason = "";
    private bool closedByRemote;

    public EdgeLink(IDuplexPipe transport, EdgeLinkSettings settings)
    {
        input = transport.Input;
        output = transport.Output;
        this.settings = settings;
        outbound = Channel.CreateBounded<IEdgeMessage>(new BoundedChannelOptions(settings.OutboundCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = false,
        });
        if (settings.MessagesPerSecond > 0)
        {
            rate = MessageRate.Create(settings.MessagesPerSecond, settings.Burst);
        }

        closeDeadline.Token.Register(static state =>
        {
            // Runs on a timer thread, where an exception would end the process.
            var link = (EdgeLink)state!;
            link.abandoned = true;
            link.CancelPending(flush: true);
        }, this);
    }

    public TimeSpan? RoundTrip
    {
        get
        {
            var micros = Volatile.Read(ref roundTripMicros);
            return micros < 0 ? null : TimeSpan.FromMicroseconds(micros);
        }
    }

    public int Queued => outbound.Reader.Count;

    public bool IsClosed => closed;

    public bool TrySend(IEdgeMessage message)
    {
        if (outbound.Writer.TryWrite(message))
        {
            return true;
        }

        if (!closed)
        {
            Close(EdgeCloseCode.SlowConsumer, $"the {settings.RemoteName} does not keep up: {settings.OutboundCapacity} messages queued");
        }

        return false;
    }

    public void Close(EdgeCloseCode code, string reason) => Shut(code, reason, byRemote: false);

    /// <summary>The connection was lost underneath (socket closed, transport aborted): nothing more can be written.</summary>
    public void Lost(string reason) => Shut(null, reason, byRemote: true);

    /// <summary>Runs the connection until it closes, handing every application message to <paramref name="sink"/>.</summary>
    public async Task<EdgeLinkClosed> RunAsync(Action<IEdgeMessage> sink)
    {
        Volatile.Write(ref lastReceivedMs, Environment.TickCount64);
        var reading = Task.Run(() => ReadLoopAsync(sink));
        var writing = Task.Run(WriteLoopAsync);
        var beating = Task.Run(HeartbeatLoopAsync);
        await Task.WhenAll(reading, writing, beating).ConfigureAwait(false);

        // The last loop usually ends inside Shut, under the gate (cancelling `stopping` runs the
        // heartbeat's continuation, and so this one, on the cancelling thread). The caller's code
        // after this (disposing its registrations, telling its actor) must never run there: a
        // connection-closed callback waiting for the gate on another thread deadlocked against a
        // registration's disposal (seen in CI, twice). ForceYielding only yields when the task is
        // already complete, and Task.Yield would post to whatever scheduler is current, so hop to
        // the thread pool explicitly.
        await Task.Run(static () => { }).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        lock (gate)
        {
            stopping.Dispose();
            closeDeadline.Dispose();
            rate?.Dispose();
            return new EdgeLinkClosed(closeCode, closeReason, closedByRemote, abandoned);
        }
    }

    /// <summary>Records why the link closes and wakes its loops.</summary>
    private void Shut(EdgeCloseCode? code, string reason, bool byRemote)
    {
        lock (gate)
        {
            // The first reason wins, except that a peer's Goodbye read after its socket was seen
            // closing says why better than the bare loss did: the frame was sent before the close.
            var explains = closed && closedByRemote && closeCode is null && code is not null && byRemote;
            if (explains)
            {
                closeCode = code;
                closeReason = reason.Length > LoggedReasonChars ? reason[..LoggedReasonChars] : reason;
            }

            if (closed)
            {
                return;
            }

            closeCode = code;
            closeReason = reason.Length > LoggedReasonChars ? reason[..LoggedReasonChars] : reason;
            closedByRemote = byRemote;
            closed = true;
            outbound.Writer.TryComplete();
            CancelPending(flush: !Drains);
            stopping.Cancel();
            closeDeadline.CancelAfter(settings.CloseTimeout);
        }
    }

    /// <summary>
    /// Wakes a pending flush (when asked) and a pending read. A loop woken by the close may have
    /// completed its side of the transport already: a stream's pipe writer then throws (its token
    /// source is disposed), and there is nothing left to wake. Either way the close goes on: if it
    /// threw here, the heartbeat would never be stopped and the link would end only when the
    /// heartbeat found the peer silent (seen in CI as a client that took ten seconds to notice its
    /// coordinator's Goodbye).
    /// </summary>
    private void CancelPending(bool flush)
    {
        if (flush)
        {
            try
            {
                output.CancelPendingFlush();
            }
            catch (Exception error) when (error is ObjectDisposedException or InvalidOperationException)
            {
                // The write loop completed the writer: no flush is pending.
            }
        }

        try
        {
            input.CancelPendingRead();
        }
        catch (Exception error) when (error is ObjectDisposedException or InvalidOperationException)
        {
            // The read loop completed the reader: no read is pending.
        }
    }

    /// <summary>Whether what is queued still goes out before the Goodbye (a local, orderly close).</summary>
    private bool Drains => !closedByRemote && closeCode is EdgeCloseCode.Normal or EdgeCloseCode.ShuttingDown;

    private async Task ReadLoopAsync(Action<IEdgeMessage> sink)
    {
        try
        {
            while (true)
            {
                var result = await input.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    // A peer that closed after sending is still heard: what it sent before closing counts.
                    while ((!closed || closedByRemote) && EdgeFrames.TryRead(ref buffer, settings.MaxFrameBytes, out var code, out var body))
                    {
                        Receive(code, body, sink);
                    }
                }
                finally
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                }

                // A bare remote loss (the socket seen closing) may still have the peer's last frames,
                // its Goodbye among them, on the way: read on until the input completes, or until
                // the close deadline abandons the link.
                var drainingLoss = closedByRemote && closeCode is null && !abandoned;
                if (closed && !(drainingLoss && !result.IsCompleted))
                {
                    break;
                }

                if (result.IsCompleted)
                {
                    Lost(buffer.IsEmpty ? $"the {settings.RemoteName} closed the connection" : $"the {settings.RemoteName} closed the connection mid-frame");
                    break;
                }
            }
        }
        catch (EdgeProtocolException e)
        {
            Close(e.Code, e.Message);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            Lost($"connection lost: {e.Message}");
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(false);
        }
    }

    private void Receive(ushort code, in System.Buffers.ReadOnlySequence<byte> body, Action<IEdgeMessage> sink)
    {
        using var lease = rate?.AttemptAcquire();
        if (lease is { IsAcquired: false })
        {
            throw new EdgeProtocolException(EdgeCloseCode.RateLimited, $"more than {settings.MessagesPerSecond} messages a second (burst {settings.Burst})");
        }

        Volatile.Write(ref lastReceivedMs, Environment.TickCount64);
        EdgeMessageTable.TryGet(code, out var type);
        if ((type.Senders & settings.RemoteSenders) == 0)
        {
            throw new EdgeProtocolException(EdgeCloseCode.NotAllowedForRole, $"a {settings.RemoteName} may not send {type.Manifest}");
        }

        if (type.Type == typeof(Challenge) || type.Type == typeof(Hello) || type.Type == typeof(Welcome))
        {
            throw new EdgeProtocolException(EdgeCloseCode.NotAllowedForRole, $"{type.Manifest} after the handshake");
        }

        switch (EdgeCodec.Decode(code, body))
        {
            case Ping ping:
                TrySend(new Pong(ping.Sequence, ping.SentMicros));
                break;
            case Pong pong:
                var micros = EdgeClock.NowMicros - pong.SentMicros;
                if (micros >= 0 && micros < 60_000_000)
                {
                    Volatile.Write(ref roundTripMicros, micros);
                }

                break;
            case Goodbye goodbye:
                Shut(goodbye.Code, goodbye.Reason ?? "", byRemote: true);
                break;
            case var message:
                sink(message);
                break;
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = outbound.Reader;
        var peerGone = false;
        try
        {
            while (!peerGone && await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (!peerGone && !Abandoning && reader.TryRead(out var message))
                {
                    EdgeFrames.Write(output, message);
                    if (output.CanGetUnflushedBytes && output.UnflushedBytes >= FlushThresholdBytes)
                    {
                        peerGone = !await FlushAsync().ConfigureAwait(false);
                    }
                }

                if (Abandoning)
                {
                    break;
                }

                peerGone = peerGone || !await FlushAsync().ConfigureAwait(false);
            }

            if (!peerGone && !abandoned && closeCode is { } code && !closedByRemote)
            {
                await WriteGoodbyeAsync(code).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            Lost($"connection lost: {e.Message}");
        }
        finally
        {
            await output.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Whether queued messages are dropped: the close does not drain, or its deadline passed.</summary>
    private bool Abandoning => closed && (!Drains || abandoned);

    /// <summary>Flushes; false when the peer is gone. A flush cancelled by a close still committed its bytes.</summary>
    private async ValueTask<bool> FlushAsync()
    {
        var result = await output.FlushAsync().ConfigureAwait(false);
        if (result.IsCompleted)
        {
            Lost($"the {settings.RemoteName} stopped reading");
            return false;
        }

        return true;
    }

    private async ValueTask WriteGoodbyeAsync(EdgeCloseCode code)
    {
        EdgeFrames.Write(output, new Goodbye(code, closeReason));
        CancellationToken deadline;
        lock (gate)
        {
            deadline = closeDeadline.Token;
        }

        // A flush cancelled by the close itself committed the bytes; flush again to wait for them to go out.
        for (var attempt = 0; attempt < 2 && !abandoned; attempt++)
        {
            var result = await output.FlushAsync(deadline).ConfigureAwait(false);
            if (!result.IsCanceled)
            {
                return;
            }
        }
    }

    private async Task HeartbeatLoopAsync()
    {
        var limitMs = (long)(settings.Heartbeat.TotalMilliseconds * settings.MissedHeartbeats);
        long sequence = 0;
        try
        {
            using var timer = new PeriodicTimer(settings.Heartbeat);
            while (await timer.WaitForNextTickAsync(stopping.Token).ConfigureAwait(false))
            {
                var silentMs = Environment.TickCount64 - Volatile.Read(ref lastReceivedMs);
                if (silentMs > limitMs)
                {
                    Close(EdgeCloseCode.HeartbeatTimeout, $"nothing from the {settings.RemoteName} for {silentMs} ms");
                    break;
                }

                TrySend(new Ping(++sequence, EdgeClock.NowMicros));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
