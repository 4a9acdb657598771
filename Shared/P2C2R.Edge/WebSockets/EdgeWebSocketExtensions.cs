using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace P2C2R.Edge.WebSockets;

/// <summary>
/// Wiring the browsers' edge into a web app: <see cref="MapEdgeWebSocket"/> maps a path whose
/// WebSocket carries the edge protocol for gamers. The app must have called
/// <c>AddEdgeServer</c> (the same options, limits and connection counts as the TCP edge) and
/// registered its <c>ActorSystem</c> and <c>IEdgeEndpoint</c>; the WebSocket upgrade is handled
/// by the endpoint itself, so the app needs no WebSocket middleware of its own.
/// </summary>
public static class EdgeWebSocketExtensions
{
    public static IEndpointConventionBuilder MapEdgeWebSocket(this IEndpointRouteBuilder endpoints, string path = "/edge")
    {
        var pipeline = endpoints.CreateApplicationBuilder();
        pipeline.UseWebSockets();
        pipeline.Run(EdgeWebSocket.AcceptAsync);
        return endpoints.Map(path, pipeline.Build());
    }
}
