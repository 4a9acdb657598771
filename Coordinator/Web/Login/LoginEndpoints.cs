using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Ledger;
using P2C2R.Coordinator.Sessions;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Web.Login;

/// <summary>
/// A gamer's or helper's own pages, opened by the one-time link of <c>web-login</c>:
/// <c>/login?code=…</c> spends the code and sets the <see cref="Cookie"/> (an opaque session token
/// of <see cref="WebLogins"/>, HttpOnly, SameSite=Strict) and redirects to <c>/me</c>, the page
/// (embedded, nothing fetched from elsewhere), which fetches <c>/me/data</c>. The data is read for
/// the account the session is bound to and nothing the browser sends: a gamer's sessions (from its
/// account, as its edge connection asks) and balance, a helper's credits and validated and rejected
/// task counts. Without a live session every path but the login answers 401.
/// </summary>
public static class LoginEndpoints
{
    public const string Cookie = "p2c2r-me";
    private const string PagePolicy = "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<byte[]> Page = new(() => Read("me.html"));
    private static readonly Lazy<byte[]> Script = new(() => Read("me.js"));

    public static IEndpointRouteBuilder MapLogin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(LoginLinks.LoginPath, (HttpContext context, WebLogins logins) =>
        {
            if (logins.Redeem(context.Request.Query["code"].ToString()) is not { } account)
            {
                return Results.Unauthorized();
            }

            if (logins.OpenSession(account) is not { } token)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            context.Response.Cookies.Append(Cookie, token, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                MaxAge = WebLogins.SessionLifetime,
            });
            return Results.Redirect("/me");
        });
        endpoints.MapGet("/me", (HttpContext context, WebLogins logins) => Serve(context, logins, Page.Value, "text/html; charset=utf-8"));
        endpoints.MapGet("/me/me.js", (HttpContext context, WebLogins logins) => Serve(context, logins, Script.Value, "text/javascript; charset=utf-8"));
        endpoints.MapGet("/me/data", DataAsync);
        return endpoints;
    }

    private static IResult Serve(HttpContext context, WebLogins logins, byte[] content, string type)
    {
        if (logins.Session(context.Request.Cookies[Cookie]) is null)
        {
            return Results.Unauthorized();
        }

        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = PagePolicy;
        return Results.Bytes(content, type);
    }

    private static async Task<IResult> DataAsync(HttpContext context, WebLogins logins, ActorRegistry actors)
    {
        if (logins.Session(context.Request.Cookies[Cookie]) is not { } who)
        {
            return Results.Unauthorized();
        }

        context.Response.Headers.CacheControl = "no-store";
        var cancel = context.RequestAborted;
        var ledger = await actors.GetAsync<CreditLedger>(cancel);
        try
        {
            object data;
            if (who.Role == EdgeRole.Gamer)
            {
                var gamers = await actors.GetAsync<GamerSessions>(cancel);
                var sessions = await gamers.Ask<SessionList>(new GamerCommand(who.Account, new ListSessions()), AskTimeout, cancel);
                var balance = await ledger.Ask<AccountBalance>(new QueryGamerBalance(who.Account), AskTimeout, cancel);
                data = new
                {
                    role = "gamer",
                    account = who.Account,
                    credits = balance.Credits,
                    sessions = sessions.Sessions.Select(s => new { id = s.SessionId, active = s.Active, tick = s.Tick, node = s.Node }),
                };
            }
            else
            {
                var standings = await actors.GetAsync<HelperStanding>(cancel);
                var key = who.Account + "/" + who.Name;
                var standing = await standings.Ask<Standing>(new GetStanding(key), AskTimeout, cancel);
                var balance = await ledger.Ask<AccountBalance>(new QueryHelperBalance(who.Account), AskTimeout, cancel);
                data = new
                {
                    role = "helper",
                    account = who.Account,
                    name = who.Name,
                    credits = balance.Credits,
                    validated = standing.Latest?.Validated ?? 0,
                    rejected = standing.Latest?.Rejected ?? 0,
                    reputation = standing.Latest?.Reputation,
                };
            }

            return Results.Json(data, Json);
        }
        catch (AskTimeoutException)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(LoginEndpoints).Assembly.GetManifestResourceStream("P2C2R.Coordinator.Web.Login." + name)
            ?? throw new InvalidOperationException($"the coordinator was built without its /me file {name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
