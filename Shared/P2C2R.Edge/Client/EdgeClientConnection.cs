using System.IO.Pipelines;
using System.Net;
using P2C2R.Edge.Transport;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Edge.Client;

/// <summary>
/// A dialed, handshaken connection to a coordinator, owned by one client actor. It disposes its
/// socket itself when its link ends, or at once when the client stops before it ever ran, so a
/// connection finished after its actor died never lingers.
/// </summary>
internal sealed class EdgeClientConnection
{
    private const int Idle = 0;
    private const int Running = 1;
    private const int Disposed = 2;

    private readonly Stream stream;
    private readonly IDuplexPipe transport;
    private int state;
    private CancellationTokenRegistration lifetimeRegistration;

    public EdgeClientConnection(Stream stream, IDuplexPipe transport, CoordinatorAddress coordinator, IPEndPoint? local, Welcome welcome, EdgeLinkSettings settings)
    {
        this.stream = stream;
        this.transport = transport;
        Coordinator = coordinator;
        Local = local;
        Welcome = welcome;
        Link = new EdgeLink(transport, settings);
    }

    public CoordinatorAddress Coordinator { get; }

    public IPEndPoint? Local { get; }

    public Welcome Welcome { get; }

    public EdgeLink Link { get; }

    /// <summary>Stops the connection when the client's lifetime ends.</summary>
    public void StopWith(CancellationToken lifetime) =>
        lifetimeRegistration = lifetime.Register(static state => ((EdgeClientConnection)state!).Stop(), this);

    public async Task<EdgeLinkClosed> RunAsync(Action<IEdgeMessage> sink)
    {
        if (Interlocked.CompareExchange(ref state, Running, Idle) != Idle)
        {
            return new EdgeLinkClosed(EdgeCloseCode.Normal, "the client stopped", ByRemote: false, Abandoned: false);
        }

        try
        {
            return await Link.RunAsync(sink).ConfigureAwait(false);
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Closes a running connection with a Goodbye, or disposes one that never ran.</summary>
    public void Stop()
    {
        if (Interlocked.CompareExchange(ref state, Disposed, Idle) == Idle)
        {
            Dispose();
        }
        else
        {
            Link.Close(EdgeCloseCode.Normal, "the client stopped");
        }
    }

    private void Dispose()
    {
        lifetimeRegistration.Dispose();
        transport.Input.Complete();
        transport.Output.Complete();
        stream.Dispose();
    }
}
