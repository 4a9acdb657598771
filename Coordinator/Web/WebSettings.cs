using Akka.Configuration;
using P2C2R.Edge.Client;

namespace P2C2R.Coordinator.Web;

/// <summary>
/// Where the coordinator's HTTP endpoints listen (<c>p2c2r.coordinator.http</c>): on the edge's
/// bind address, on a port of their own, so health checks and scrapers reach the node without
/// speaking the edge's protocol. Port 0 takes any free port (tests, several nodes on one machine).
/// The operator pages are served only when <see cref="OperatorToken"/> is set, and only to whoever shows it.
/// <see cref="PublicAddress"/> (host:port) is where browsers reach the port from elsewhere, written
/// into the one-time login links; unset, the links name the bound address.
/// </summary>
public sealed record WebSettings(string BindAddress, int Port, string? OperatorToken = null, string? PublicAddress = null)
{
    public static WebSettings From(Config config)
    {
        var coordinator = config.WithFallback(CoordinatorConfig.Defaults).GetConfig("p2c2r.coordinator");
        var port = coordinator.GetInt("http.port");
        if (port is < 0 or > 65535)
        {
            throw new ConfigurationException($"p2c2r.coordinator.http.port = {port} is out of range: it must be between 0 and 65535");
        }

        var token = coordinator.GetString("http.operator-token", "");
        var publicAddress = coordinator.GetString("http.public-address", "");
        CoordinatorAddress? parsed = null;
        if (publicAddress.Length > 0 && !CoordinatorAddress.TryParseHostPort(publicAddress, out parsed))
        {
            throw new ConfigurationException($"p2c2r.coordinator.http.public-address = \"{publicAddress}\" is not host:port");
        }

        return new WebSettings(coordinator.GetString("bind-address"), port, token.Length == 0 ? null : token, parsed?.ToString());
    }
}
