using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace P2C2R.Coordinator.Web.Play;

/// <summary>
/// Playing in a browser: <see cref="MapBrowserPlay"/> serves the /play page, which holds the
/// gamer's key in the browser and plays over the edge's WebSocket (mapped with
/// <c>MapEdgeWebSocket</c> at <c>edgePath</c> on the same host), so a gamer needs no .NET and the
/// same ownership rules hold as for GamerClient.
/// </summary>
public static class BrowserPlayExtensions
{
    public static RouteGroupBuilder MapBrowserPlay(this IEndpointRouteBuilder endpoints, string edgePath = "/edge")
    {
        if (!edgePath.StartsWith('/'))
        {
            throw new ArgumentException($"the edge's WebSocket path must start with '/': {edgePath}", nameof(edgePath));
        }

        var assets = PlayAssets.Load(edgePath);
        var group = endpoints.MapGroup("/play");
        group.MapGet("", context => assets.ServeAsync(context, PlayAssets.Page));
        group.MapGet("/{file}", context => assets.ServeAsync(context, context.Request.RouteValues["file"] as string ?? ""));
        return group;
    }
}
