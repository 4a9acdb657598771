using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace P2C2R.Coordinator.Web;

/// <summary>
/// The coordinator's HTTP listener on Kestrel, beside the edge's: it keeps the listener's options,
/// where Kestrel writes the port it bound, so the node can log (and tests can dial) the real
/// address when it was asked for any free port.
/// </summary>
public sealed class WebListener(WebSettings settings)
{
    private ListenOptions? _options;

    public WebSettings Settings => settings;

    /// <summary>The address the HTTP endpoints answer on, once the host has started.</summary>
    public Uri Address
    {
        get
        {
            var bound = _options?.IPEndPoint ?? throw new InvalidOperationException("the coordinator's HTTP listener is not bound yet");
            return new UriBuilder(Uri.UriSchemeHttp, bound.Address.ToString(), bound.Port).Uri;
        }
    }

    public void Listen(KestrelServerOptions kestrel) =>
        kestrel.Listen(IPAddress.Parse(settings.BindAddress), settings.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            _options = listen;
        });
}
