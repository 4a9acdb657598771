using System.IO.Pipelines;
using System.Net;

namespace P2C2R.Edge.Server;

/// <summary>
/// One accepted connection as the edge serves it, whatever carries its bytes (a Kestrel TCP
/// connection, a browser's WebSocket): the byte pipe, the address the server observed, when the
/// carrier is gone or the server is stopping, and how to tear it down without a goodbye.
/// </summary>
internal sealed record EdgeTransport(
    IDuplexPipe Pipe,
    IPEndPoint Remote,
    CancellationToken Closed,
    CancellationToken Shutdown,
    Action<string> Abort);
