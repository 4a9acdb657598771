using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using P2C2R.Protocol;

namespace P2C2R.Edge.Server;

/// <summary>
/// Kestrel's entry for edge connections over TCP (or TLS): the connection's pipe, observed address
/// and lifetime handed to <see cref="EdgeServing"/>, which serves helpers and gamers alike.
/// </summary>
internal sealed class EdgeConnectionHandler : ConnectionHandler
{
    private readonly EdgeServing serving;

    public EdgeConnectionHandler(EdgeServing serving) => this.serving = serving;

    public override Task OnConnectedAsync(ConnectionContext connection)
    {
        var endPoint = connection.RemoteEndPoint as System.Net.IPEndPoint;
        var shutdown = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? CancellationToken.None;
        var transport = new EdgeTransport(
            connection.Transport,
            EdgeServing.Observed(endPoint?.Address, endPoint?.Port ?? 0),
            connection.ConnectionClosed,
            shutdown,
            reason => connection.Abort(new ConnectionAbortedException(reason)));
        return serving.ServeAsync(transport, EdgeSenders.Helper | EdgeSenders.Gamer, "TCP");
    }
}
