using System.Net;
using P2C2R.Edge.Server;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Web.Login;

/// <summary>
/// Makes the one-time link an edge connection answers <see cref="WebLoginRequest"/> with: a code
/// of <see cref="WebLogins"/> on this node's HTTP port, at the public address the operator gave
/// (<c>p2c2r.coordinator.http.public-address</c>), else where the listener is bound (the machine's
/// name when that is every interface). The code is only good on this node: its store is local.
/// </summary>
public sealed class LoginLinks(WebLogins logins, WebListener listener)
{
    public const string LoginPath = "/login";

    /// <summary>Why a node that serves no web pages gives no link.</summary>
    public const string NoWebPages = "this node serves no web pages";

    /// <summary>
    /// What a connection of <paramref name="peer"/> answers <see cref="WebLoginRequest"/> with: its
    /// link, or an empty URL and the reason when <paramref name="links"/> is null (the node serves
    /// no web pages) or the store refuses a code.
    /// </summary>
    public static WebLoginLink Answer(LoginLinks? links, EdgePeer peer) =>
        links?.Issue(new WebAccount(peer.Account, peer.Role, peer.Name)) ?? new WebLoginLink("", 0, NoWebPages);

    /// <summary>The link for <paramref name="account"/>, or an empty URL and why the store refused a code.</summary>
    public WebLoginLink Issue(WebAccount account) => logins.IssueCode(account) switch
    {
        { Code: { } code } => new WebLoginLink($"{BaseAddress()}{LoginPath}?code={code}", (long)WebLogins.CodeLifetime.TotalMilliseconds),
        var refused => new WebLoginLink("", 0, refused.Refused),
    };

    private string BaseAddress()
    {
        if (listener.Settings.PublicAddress is { } configured)
        {
            return "http://" + configured;
        }

        var bound = listener.Address;
        var host = IPAddress.TryParse(bound.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
            ? Dns.GetHostName()
            : bound.Host;
        return $"http://{host}:{bound.Port}";
    }
}
