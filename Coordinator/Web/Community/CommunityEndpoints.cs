using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace P2C2R.Coordinator.Web.Community;

/// <summary>
/// <c>/community</c>: the public page of what helpers gave (<see cref="CommunityPage"/>), open to
/// anyone, token or not. It reads the latest <see cref="CommunitySnapshot"/> only, so however often
/// it is asked for, no actor is.
/// </summary>
public static class CommunityEndpoints
{
    public const string Path = "/community";

    public static IEndpointRouteBuilder MapCommunity(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (CommunityState state) => Results.Content(CommunityPage.Render(state.Latest), "text/html; charset=utf-8"));
        return endpoints;
    }
}
