using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace P2C2R.Remote.Transport;

/// <summary>
/// Wraps connections in mutual TLS when configured: both sides present a certificate, so a
/// helper is authenticated as well as the coordinator. Certificates come from files; the trust
/// is either the OS store or one pinned certificate. A failed handshake is logged with its reason
/// (certificate chain, name mismatch, protocol) rather than a bare "authentication failed".
/// </summary>
internal sealed class TlsStreams
{
    private readonly TlsSettings _settings;
    private readonly ILogger _log;
    private readonly X509Certificate2? _certificate;
    private readonly X509Certificate2? _pinned;

    public TlsStreams(TlsSettings settings, ILogger log)
    {
        _settings = settings;
        _log = log;
        if (!settings.Enabled)
        {
            return;
        }

        if (settings.Certificate.Length > 0)
        {
            _certificate = X509CertificateLoader.LoadPkcs12FromFile(settings.Certificate, settings.CertificatePassword);
        }

        if (settings.Trust != "system")
        {
            _pinned = X509CertificateLoader.LoadCertificateFromFile(settings.Trust);
        }
    }

    /// <summary>Returns the stream to use, or null when the TLS handshake failed (already logged).</summary>
    public async Task<Stream?> WrapAsync(Stream network, bool inbound, string host, string endpoint, CancellationToken cancellation)
    {
        if (!_settings.Enabled)
        {
            return network;
        }

        string? validationFailure = null;
        var ssl = new SslStream(network, leaveInnerStreamOpen: false, (_, certificate, chain, errors) =>
        {
            validationFailure = Validate(certificate, chain, errors);
            return validationFailure is null;
        });
        try
        {
            if (inbound)
            {
                if (_certificate is null)
                {
                    throw new AuthenticationException("this system has no certificate configured (p2c2r.remote.tls.certificate)");
                }

                var options = new SslServerAuthenticationOptions { ServerCertificate = _certificate, ClientCertificateRequired = true };
                await ssl.AuthenticateAsServerAsync(options, cancellation).ConfigureAwait(false);
            }
            else
            {
                var options = new SslClientAuthenticationOptions
                {
                    TargetHost = _settings.ServerName.Length > 0 ? _settings.ServerName : host,
                    LocalCertificateSelectionCallback = (_, _, _, _, _) => _certificate!,
                };
                await ssl.AuthenticateAsClientAsync(options, cancellation).ConfigureAwait(false);
            }

            return ssl;
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException or OperationCanceledException)
        {
            _log.LogWarning("TLS handshake with {Endpoint} failed: {Reason}", endpoint, validationFailure ?? exception.Message);
            await ssl.DisposeAsync().ConfigureAwait(false);
            return null;
        }
    }

    private string? Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return "the other side presented no certificate";
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return $"certificate name mismatch: {certificate.Subject} does not match the expected host";
        }

        if (_pinned is not null)
        {
            return certificate.GetCertHashString() == _pinned.Thumbprint
                ? null
                : $"certificate {certificate.Subject} ({certificate.GetCertHashString()}) is not the pinned {_pinned.Subject} ({_pinned.Thumbprint})";
        }

        if (errors == SslPolicyErrors.None)
        {
            return null;
        }

        var chainStatus = chain?.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0) ?? [];
        return $"certificate {certificate.Subject} is not trusted: {errors} {string.Join("; ", chainStatus)}".Trim();
    }
}
