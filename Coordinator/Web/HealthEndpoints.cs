using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace P2C2R.Coordinator.Web;

/// <summary>
/// <c>/healthz</c>: the process is up and serving (200), for a service manager's liveness check.
/// <c>/readyz</c>: 200 when the node is ready for work (<see cref="Readiness"/>), else 503 with
/// what is not ready, for a load balancer or an orchestrator deciding where to send traffic.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Json(new { status = "up" }));
        endpoints.MapGet("/readyz", async (HttpContext context) =>
        {
            var services = context.RequestServices;
            var readiness = await Readiness.CheckAsync(services.GetRequiredService<ActorSystem>(), services.GetRequiredService<JournalProbe>(), context.RequestAborted);
            return Results.Json(readiness, statusCode: readiness.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }
}
