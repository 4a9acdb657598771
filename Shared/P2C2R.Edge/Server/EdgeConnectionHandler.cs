using System.Net;
using Akka.Actor;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;
using P2C2R.Edge.Transport;
using P2C2R.Protocol;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Edge.Server;

/// <summary>
/// Kestrel's entry for edge connections: limits connections per address, runs the handshake,
/// creates the connection's actor through the application's <see cref="IEdgeEndpoint"/> and runs the
/// connection until either side ends it. Whatever one connection does, only that connection is
/// closed: every failure ends in a Goodbye with its code and a logged reason.
/// </summary>
public sealed class EdgeConnectionHandler(
    ActorSystem system,
    IEdgeEndpoint endpoint,
    EdgeServerOptions options,
    EdgeConnectionLimiter limiter,
    ILogger<EdgeConnectionHandler> logger) : ConnectionHandler
{
    private static long lastConnectionId;

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var observed = connection.RemoteEndPoint as IPEndPoint ?? new IPEndPoint(IPAddress.None, 0);
        var address = observed.Address.IsIPv4MappedToIPv6 ? observed.Address.MapToIPv4() : observed.Address;
        var remote = new IPEndPoint(address, observed.Port);
        if (!limiter.TryAcquire(address))
        {
            logger.LogWarning("Edge connection from {Remote} refused: over {Max} connections from its address", remote, limiter.MaxPerAddress);
            await RefuseAsync(connection, EdgeCloseCode.TooManyConnections, $"more than {limiter.MaxPerAddress} connections from {address}").ConfigureAwait(false);
            return;
        }

        try
        {
            await ServeAsync(connection, remote).ConfigureAwait(false);
        }
        finally
        {
            limiter.Release(address);
        }
    }

    private async Task ServeAsync(ConnectionContext connection, IPEndPoint remote)
    {
        var shutdown = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? CancellationToken.None;
        HandshakeOutcome outcome;
        using (var handshakeTimeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed, shutdown))
        {
            handshakeTimeout.CancelAfter(options.HandshakeTimeout);
            outcome = await ServerHandshake.RunAsync(connection.Transport, options, handshakeTimeout.Token).ConfigureAwait(false);
        }

        if (outcome.Code == EdgeCloseCode.HandshakeTimeout && shutdown.IsCancellationRequested)
        {
            outcome = HandshakeOutcome.Refused(EdgeCloseCode.ShuttingDown, "the coordinator is shutting down");
        }

        if (outcome.Hello is not { } hello)
        {
            logger.LogWarning("Edge handshake with {Remote} failed: {Code} {Reason}", remote, outcome.Code, outcome.Reason);
            await RefuseAsync(connection, outcome.Code, outcome.Reason).ConfigureAwait(false);
            return;
        }

        var peer = new EdgePeer(outcome.Account, hello.Role, hello.Name, remote, Interlocked.Increment(ref lastConnectionId));
        var link = new EdgeLink(connection.Transport, new EdgeLinkSettings(
            options.MaxFrameBytes,
            options.OutboundQueueCapacity,
            options.Heartbeat,
            options.MissedHeartbeats,
            options.CloseTimeout,
            hello.Role == EdgeRole.Helper ? EdgeSenders.Helper : EdgeSenders.Gamer,
            hello.Role == EdgeRole.Helper ? "helper" : "gamer",
            options.MessagesPerSecond,
            options.Burst));
        link.TrySend(new Welcome(peer.Account, (int)options.Heartbeat.TotalMilliseconds, options.MaxFrameBytes));

        IActorRef actor;
        try
        {
            actor = system.ActorOf(endpoint.PropsFor(peer, link), "edge-" + peer.ConnectionId);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Edge connection {Id} from {Remote}: no actor for it", peer.ConnectionId, remote);
            link.Close(EdgeCloseCode.ShuttingDown, "the coordinator cannot take connections now");
            await link.RunAsync(static _ => { }).ConfigureAwait(false);
            return;
        }

        logger.LogInformation("Edge connection {Id} from {Remote}: {Role} {Name} of account {Account}", peer.ConnectionId, remote, peer.Role, peer.Name, peer.Account);
        var stopped = actor.WatchAsync();
        _ = stopped.ContinueWith(static (_, state) => ((EdgeLink)state!).Close(EdgeCloseCode.Normal, "the coordinator closed the connection"), link, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        EdgeLinkClosed closed;
        using (shutdown.Register(static state => ((EdgeLink)state!).Close(EdgeCloseCode.ShuttingDown, "the coordinator is shutting down"), link))
        using (connection.ConnectionClosed.Register(static state => ((EdgeLink)state!).Lost("the connection was closed"), link))
        {
            closed = await link.RunAsync(message => actor.Tell(message, ActorRefs.NoSender)).ConfigureAwait(false);
        }

        if (!stopped.IsCompleted)
        {
            actor.Tell(PoisonPill.Instance, ActorRefs.NoSender);
        }

        Log(peer, closed);
        if (closed.Abandoned)
        {
            connection.Abort(new ConnectionAbortedException(closed.Reason));
        }
    }

    private void Log(EdgePeer peer, EdgeLinkClosed closed)
    {
        var level = closed.ByRemote || closed.Code is EdgeCloseCode.Normal or EdgeCloseCode.ShuttingDown ? LogLevel.Information : LogLevel.Warning;
        logger.Log(level, "Edge connection {Id} from {Remote} ({Role} {Account}) closed by {Side}: {Code} {Reason}",
            peer.ConnectionId, peer.Remote, peer.Role, peer.Account, closed.ByRemote ? "the peer" : "the coordinator", closed.Code?.ToString() ?? "no goodbye", closed.Reason);
    }

    /// <summary>A Goodbye on a connection that never got a link, bounded by the close timeout.</summary>
    private async Task RefuseAsync(ConnectionContext connection, EdgeCloseCode code, string reason)
    {
        using var timeout = new CancellationTokenSource(options.CloseTimeout);
        try
        {
            await FrameReading.WriteOneAsync(connection.Transport.Output, new Goodbye(code, reason), timeout.Token).ConfigureAwait(false);
            await connection.Transport.Output.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            connection.Abort(new ConnectionAbortedException(reason));
        }
    }
}
