using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using P2C2R.Edge.Framing;

namespace P2C2R.Edge.Server;

/// <summary>
/// Wiring the edge into an ASP.NET Core host: <see cref="AddEdgeServer"/> registers what the
/// handler needs (the application registers its <c>ActorSystem</c> and <see cref="IEdgeEndpoint"/>),
/// <see cref="ListenEdge"/> binds the edge port on Kestrel, with TLS when a certificate is configured.
/// Browsers reach the same edge through <c>MapEdgeWebSocket</c> (<c>P2C2R.Edge.WebSockets</c>).
/// </summary>
public static class EdgeServerExtensions
{
    /// <summary>Headroom above one whole frame in a connection's input buffer.</summary>
    private const int ReadBufferHeadroomBytes = 64 * 1024;

    public static IServiceCollection AddEdgeServer(this IServiceCollection services, EdgeServerOptions options)
    {
        services.TryAddSingleton(options);
        services.TryAddSingleton(_ => new EdgeConnectionLimiter(options.MaxConnectionsPerIp));
        services.TryAddSingleton<EdgeServing>();

        // The reader waits for whole frames: the socket's input buffer must hold the largest one,
        // or the transport would pause with a frame half in and the connection would stall.
        services.Configure<SocketTransportOptions>(socket =>
        {
            long needed = (long)options.MaxFrameBytes + EdgeFrames.HeaderBytes + ReadBufferHeadroomBytes;
            if (socket.MaxReadBufferSize is { } size && size < needed)
            {
                socket.MaxReadBufferSize = needed;
            }
        });
        return services;
    }

    public static KestrelServerOptions ListenEdge(this KestrelServerOptions kestrel, EdgeServerOptions options)
    {
        var certificate = options.LoadCertificate();
        kestrel.Listen(IPAddress.Parse(options.BindAddress), options.Port, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }

            listen.UseConnectionHandler<EdgeConnectionHandler>();
        });
        return kestrel;
    }
}
