using System.Net;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using P2C2R.Edge.Transport;
using P2C2R.Protocol;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Edge.Server;

/// <summary>
/// Serves one edge connection from accept to close, the same way whatever carries it: limits
/// connections per address, runs the handshake, refuses a role the carrier does not admit, creates
/// the connection's actor through the application's <see cref="IEdgeEndpoint"/> and runs the link
/// until either side ends it. The TCP handler and the WebSocket endpoint both call it, so a browser
/// gets exactly the checks, limits and actors a native client gets. Whatever one connection does,
/// only that connection is closed: every failure ends in a Goodbye with its code and a logged reason.
/// </summary>
internal sealed class EdgeServing(
    ActorSystem system,
    IEdgeEndpoint endpoint,
    EdgeServerOptions options,
    EdgeConnectionLimiter limiter,
    ILogger<EdgeServing> logger)
{
    private static long lastConnectionId;

    /// <param name="transport">The connection.</param>
    /// <param name="roles">The roles this carrier admits (<see cref="EdgeSenders.Helper"/>, <see cref="EdgeSenders.Gamer"/>).</param>
    /// <param name="carrier">What carries the connection, for logs and refusals ("TCP", "a WebSocket").</param>
    public async Task ServeAsync(EdgeTransport transport, EdgeSenders roles, string carrier)
    {
        var address = transport.Remote.Address;
        if (!limiter.TryAcquire(address))
        {
            logger.LogWarning("Edge connection from {Remote} refused: over {Max} connections from its address", transport.Remote, limiter.MaxPerAddress);
            await RefuseAsync(transport, EdgeCloseCode.TooManyConnections, $"more than {limiter.MaxPerAddress} connections from {address}").ConfigureAwait(false);
            return;
        }

        try
        {
            await RunAsync(transport, roles, carrier).ConfigureAwait(false);
        }
        finally
        {
            limiter.Release(address);
        }
    }

    /// <summary>The address as the limiter and replica placement count it: an IPv4-mapped IPv6 address is its IPv4 one.</summary>
    public static IPEndPoint Observed(IPAddress? address, int port)
    {
        var observed = address ?? IPAddress.None;
        return new IPEndPoint(observed.IsIPv4MappedToIPv6 ? observed.MapToIPv4() : observed, port);
    }

    private async Task RunAsync(EdgeTransport transport, EdgeSenders roles, string carrier)
    {
        var remote = transport.Remote;
        HandshakeOutcome outcome;
        using (var handshakeTimeout = CancellationTokenSource.CreateLinkedTokenSource(transport.Closed, transport.Shutdown))
        {
            handshakeTimeout.CancelAfter(options.HandshakeTimeout);
            outcome = await ServerHandshake.RunAsync(transport.Pipe, options, handshakeTimeout.Token).ConfigureAwait(false);
        }

        if (outcome.Code == EdgeCloseCode.HandshakeTimeout && transport.Shutdown.IsCancellationRequested)
        {
            outcome = HandshakeOutcome.Refused(EdgeCloseCode.ShuttingDown, "the coordinator is shutting down");
        }

        if (outcome.Hello is { } proven && (SenderOf(proven.Role) & roles) == 0)
        {
            outcome = HandshakeOutcome.Refused(EdgeCloseCode.NotAllowedForRole, $"a {RoleName(proven.Role)} may not connect over {carrier}");
        }

        if (outcome.Hello is not { } hello)
        {
            logger.LogWarning("Edge handshake with {Remote} over {Carrier} failed: {Code} {Reason}", remote, carrier, outcome.Code, outcome.Reason);
            await RefuseAsync(transport, outcome.Code, outcome.Reason).ConfigureAwait(false);
            return;
        }

        var peer = new EdgePeer(outcome.Account, hello.Role, hello.Name, remote, Interlocked.Increment(ref lastConnectionId));
        var link = new EdgeLink(transport.Pipe, new EdgeLinkSettings(
            options.MaxFrameBytes,
            options.OutboundQueueCapacity,
            options.Heartbeat,
            options.MissedHeartbeats,
            options.CloseTimeout,
            SenderOf(hello.Role),
            RoleName(hello.Role),
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

        logger.LogInformation("Edge connection {Id} from {Remote} over {Carrier}: {Role} {Name} of account {Account}", peer.ConnectionId, remote, carrier, peer.Role, peer.Name, peer.Account);
        var stopped = actor.WatchAsync();
        _ = stopped.ContinueWith(static (_, state) => ((EdgeLink)state!).Close(EdgeCloseCode.Normal, "the coordinator closed the connection"), link, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        EdgeLinkClosed closed;
        using (transport.Shutdown.Register(static state => ((EdgeLink)state!).Close(EdgeCloseCode.ShuttingDown, "the coordinator is shutting down"), link))
        using (transport.Closed.Register(static state => ((EdgeLink)state!).Lost("the connection was closed"), link))
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
            transport.Abort(closed.Reason);
        }
    }

    private static EdgeSenders SenderOf(EdgeRole role) => role == EdgeRole.Helper ? EdgeSenders.Helper : EdgeSenders.Gamer;

    private static string RoleName(EdgeRole role) => role == EdgeRole.Helper ? "helper" : "gamer";

    private void Log(EdgePeer peer, EdgeLinkClosed closed)
    {
        var level = closed.ByRemote || closed.Code is EdgeCloseCode.Normal or EdgeCloseCode.ShuttingDown ? LogLevel.Information : LogLevel.Warning;
        logger.Log(level, "Edge connection {Id} from {Remote} ({Role} {Account}) closed by {Side}: {Code} {Reason}",
            peer.ConnectionId, peer.Remote, peer.Role, peer.Account, closed.ByRemote ? "the peer" : "the coordinator", closed.Code?.ToString() ?? "no goodbye", closed.Reason);
    }

    /// <summary>A Goodbye on a connection that never got a link, bounded by the close timeout.</summary>
    private async Task RefuseAsync(EdgeTransport transport, EdgeCloseCode code, string reason)
    {
        using var timeout = new CancellationTokenSource(options.CloseTimeout);
        try
        {
            await FrameReading.WriteOneAsync(transport.Pipe.Output, new Goodbye(code, reason), timeout.Token).ConfigureAwait(false);
            await transport.Pipe.Output.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            transport.Abort(reason);
        }
    }
}
