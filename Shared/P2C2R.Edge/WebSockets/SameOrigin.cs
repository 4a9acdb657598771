using Microsoft.AspNetCore.Http;

namespace P2C2R.Edge.WebSockets;

/// <summary>
/// Whether a WebSocket upgrade comes from a page of the host it is addressed to: its Origin header
/// must name that host and port. Browsers always send Origin on a WebSocket and scripts cannot
/// forge it, so this keeps other sites' pages out; a request without one is no browser, and the
/// edge's TCP port serves native clients.
/// </summary>
internal static class SameOrigin
{
    public static bool Holds(HttpRequest request)
    {
        var origins = request.Headers.Origin;
        if (origins.Count != 1 || !Uri.TryCreate(origins[0], UriKind.Absolute, out var origin) || origin.Scheme is not ("http" or "https"))
        {
            return false;
        }

        var host = request.Host;
        if (!host.HasValue)
        {
            return false;
        }

        var port = host.Port ?? (request.IsHttps ? 443 : 80);
        return string.Equals(origin.IdnHost, host.Host, StringComparison.OrdinalIgnoreCase) && origin.Port == port;
    }
}
