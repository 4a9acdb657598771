using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace P2C2R.Benchmarks.Game;

/// <summary>
/// Bytes the coordinator's edge sends to and receives from helpers and gamers, counted on the
/// coordinator's sockets (frames and TCP payload, handshake and heartbeats included): the edge
/// has no counter of its own, so <see cref="CountEveryConnection"/> puts a Kestrel connection
/// middleware in front of its handler that wraps each connection's pipes. A connection's role
/// is told by its address: the game harness dials every helper from its own loopback address
/// (127.0.0.2 and up, as start.sh does, so replicas can go to different hosts) and the gamer from 127.0.0.1.
/// </summary>
public static class EdgeTraffic
{
    private static long toHelpers;
    private static long fromHelpers;
    private static long toGamers;
    private static long fromGamers;

    /// <summary>Counts the connections of every endpoint Kestrel configures after this call.</summary>
    public static void CountEveryConnection(KestrelServerOptions kestrel) =>
        kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => connection => CountAsync(connection, next)));

    /// <summary>The totals so far: <c>bytes TO_HELPERS FROM_HELPERS TO_GAMERS FROM_GAMERS</c>.</summary>
    public static string Report() => string.Join(' ', new[]
    {
        "bytes",
        Interlocked.Read(ref toHelpers).ToString(CultureInfo.InvariantCulture),
        Interlocked.Read(ref fromHelpers).ToString(CultureInfo.InvariantCulture),
        Interlocked.Read(ref toGamers).ToString(CultureInfo.InvariantCulture),
        Interlocked.Read(ref fromGamers).ToString(CultureInfo.InvariantCulture),
    });

    private static async Task CountAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var gamer = connection.RemoteEndPoint is IPEndPoint remote && remote.Address.Equals(IPAddress.Loopback);
        var transport = connection.Transport;
        connection.Transport = new CountedPipe(
            new CountingPipeReader(transport.Input, gamer ? n => Interlocked.Add(ref fromGamers, n) : n => Interlocked.Add(ref fromHelpers, n)),
            new CountingPipeWriter(transport.Output, gamer ? n => Interlocked.Add(ref toGamers, n) : n => Interlocked.Add(ref toHelpers, n)));
        try
        {
            await next(connection);
        }
        finally
        {
            connection.Transport = transport;
        }
    }

    private sealed record CountedPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
