using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace P2C2R.Coordinator.Web.Dashboard;

/// <summary>
/// The operator dashboard: <c>/</c> serves its page (one embedded HTML file, scripts and styles
/// inline, nothing fetched from elsewhere), <c>/events</c> streams a <see cref="DashboardSnapshot"/>
/// once a second as Server-Sent Events, until the browser goes or the node stops. Both need the <see cref="OperatorToken"/>; <c>/?token=…</c>
/// sets its cookie and redirects to <c>/</c>, so the token leaves the address bar. At most
/// <see cref="MaxStreams"/> streams run at once: a browser tab costs the node a little, a crowd of them would not be little.
/// </summary>
public static class DashboardEndpoints
{
    public const int MaxStreams = 16;
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<byte[]> Page = new(ReadPage);
    private static int _streams;

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (HttpContext context, OperatorToken operatorToken) =>
        {
            var given = context.Request.Query["token"].ToString();
            if (given.Length > 0)
            {
                if (!operatorToken.Matches(given))
                {
                    return Results.Unauthorized();
                }

                context.Response.Cookies.Append(OperatorToken.Cookie, given, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
                return Results.Redirect("/");
            }

            return operatorToken.Allows(context.Request) ? Results.Bytes(Page.Value, "text/html; charset=utf-8") : Results.Unauthorized();
        });
        endpoints.MapGet("/events", StreamAsync);
        return endpoints;
    }

    private static async Task StreamAsync(HttpContext context)
    {
        var services = context.RequestServices;
        if (!services.GetRequiredService<OperatorToken>().Allows(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (Interlocked.Increment(ref _streams) > MaxStreams)
        {
            Interlocked.Decrement(ref _streams);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        try
        {
            var state = services.GetRequiredService<DashboardState>();
            using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            using var timer = new PeriodicTimer(Every);
            DashboardSnapshot? sent = null;
            do
            {
                if (state.Latest is { } snapshot && !ReferenceEquals(snapshot, sent))
                {
                    sent = snapshot;
                    await context.Response.WriteAsync("data: " + JsonSerializer.Serialize(snapshot, Json) + "\n\n", ending.Token);
                    await context.Response.Body.FlushAsync(ending.Token);
                }
            }
            while (await timer.WaitForNextTickAsync(ending.Token));
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Interlocked.Decrement(ref _streams);
        }
    }

    private static byte[] ReadPage()
    {
        using var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream("dashboard.html")
            ?? throw new InvalidOperationException("dashboard.html is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
