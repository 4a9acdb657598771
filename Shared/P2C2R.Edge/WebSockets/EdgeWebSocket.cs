using System.IO.Pipelines;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using P2C2R.Edge.Server;
using P2C2R.Edge.Transport;
using P2C2R.Protocol;

namespace P2C2R.Edge.WebSockets;

/// <summary>
/// The edge for browsers: a WebSocket whose binary messages carry the edge's byte stream, the very
/// frames a TCP connection carries (docs/PROTOCOL.md §10), adapted to a pipe and served by
/// <see cref="EdgeServing"/> with the same handshake, limits and connection actors. Only gamers come
/// this way, and only from a page of this host: a request whose Origin names another site is
/// refused before the upgrade, so no other site's script can open an edge connection through a
/// visitor's browser.
/// </summary>
internal static class EdgeWebSocket
{
    public const string Carrier = "a WebSocket";

    public static async Task AcceptAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EdgeWebSocket).FullName!);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("this is the edge for browsers: open it as a WebSocket\n").ConfigureAwait(false);
            return;
        }

        if (!SameOrigin.Holds(context.Request))
        {
            logger.LogWarning("Edge WebSocket from {Remote} refused: origin {Origin} is not this host ({Host})",
                context.Connection.RemoteIpAddress, context.Request.Headers.Origin.ToString(), context.Request.Host.Value);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var options = services.GetRequiredService<EdgeServerOptions>();
        var serving = services.GetRequiredService<EdgeServing>();
        var stopping = services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { DangerousEnableCompression = false }).ConfigureAwait(false);
        await using var stream = WebSocketStream.Create(socket, WebSocketMessageType.Binary, options.CloseTimeout);
        var pipe = new DuplexPipe(
            PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true)),
            PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true)));
        var transport = new EdgeTransport(
            pipe,
            EdgeServing.Observed(context.Connection.RemoteIpAddress, context.Connection.RemotePort),
            context.RequestAborted,
            stopping,
            _ => socket.Abort());
        await serving.ServeAsync(transport, EdgeSenders.Gamer, Carrier).ConfigureAwait(false);
    }
}
