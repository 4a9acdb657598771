using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using P2C2R.Edge.Framing;
using P2C2R.Edge.Transport;
using P2C2R.Protocol;
using P2C2R.Protocol.Contracts;
using P2C2R.Protocol.Identity;

namespace P2C2R.Edge.Client;

/// <summary>
/// One attempt to reach one coordinator: TCP (bound to the configured local address), TLS when
/// asked, and the client's half of the handshake (docs/PROTOCOL.md §2). Any failure throws; a
/// coordinator's refusal throws <see cref="EdgeProtocolException"/> with its Goodbye code.
/// </summary>
internal static class EdgeDialer
{
    public static async Task<EdgeClientConnection> DialAsync(EdgeClientSettings settings, CoordinatorAddress address, CancellationToken lifetime)
    {
        var socket = await ConnectAsync(settings, address, lifetime).ConfigureAwait(false);
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        var local = socket.LocalEndPoint as IPEndPoint;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
            timeout.CancelAfter(settings.HandshakeTimeout);
            if (settings.Tls)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = settings.TlsServerName ?? address.Host,
                    RemoteCertificateValidationCallback = settings.TlsCertificateValidation,
                }, timeout.Token).ConfigureAwait(false);
            }

            var transport = new DuplexPipe(
                PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true)),
                PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true)));
            var welcome = await HandshakeAsync(settings, transport, timeout.Token).ConfigureAwait(false);
            var heartbeat = settings.Heartbeat ?? TimeSpan.FromMilliseconds(Math.Max(10, welcome.HeartbeatMs));
            var connection = new EdgeClientConnection(stream, transport, address, local, welcome, new EdgeLinkSettings(
                settings.MaxFrameBytes,
                settings.OutboundQueueCapacity,
                heartbeat,
                settings.MissedHeartbeats,
                settings.CloseTimeout,
                EdgeSenders.Coordinator,
                "coordinator"));
            connection.StopWith(lifetime);
            return connection;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<Socket> ConnectAsync(EdgeClientSettings settings, CoordinatorAddress address, CancellationToken lifetime)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
        timeout.CancelAfter(settings.ConnectTimeout);
        var candidates = await Dns.GetHostAddressesAsync(address.Host, timeout.Token).ConfigureAwait(false);
        var local = settings.LocalAddress;
        var remote = candidates.FirstOrDefault(a => local is null || a.AddressFamily == local.AddressFamily)
            ?? throw new SocketException((int)SocketError.AddressFamilyNotSupported);
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (local is not null)
            {
                socket.Bind(new IPEndPoint(local, 0));
            }

            await socket.ConnectAsync(remote, address.Port, timeout.Token).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<Welcome> HandshakeAsync(EdgeClientSettings settings, IDuplexPipe transport, CancellationToken cancellation)
    {
        var first = await FrameReading.ReadOneAsync(transport.Input, FrameReading.HandshakeMaxFrameBytes, cancellation).ConfigureAwait(false);
        var challenge = first switch
        {
            Challenge c => c,
            Goodbye goodbye => throw new EdgeProtocolException(goodbye.Code, goodbye.Reason ?? ""),
            null => throw new IOException("the coordinator closed the connection before its challenge"),
            _ => throw new EdgeProtocolException(EdgeCloseCode.MalformedFrame, $"expected edge.challenge, got code {EdgeCodec.CodeOf(first)}"),
        };
        if (challenge.ProtocolVersion != EdgeIdentityProof.ProtocolVersion)
        {
            var reason = $"the coordinator speaks protocol version {challenge.ProtocolVersion}, this client {EdgeIdentityProof.ProtocolVersion}";
            await FrameReading.WriteOneAsync(transport.Output, new Goodbye(EdgeCloseCode.UnsupportedVersion, reason), cancellation).ConfigureAwait(false);
            throw new EdgeProtocolException(EdgeCloseCode.UnsupportedVersion, reason);
        }

        if (challenge.Nonce is not { Length: EdgeIdentityProof.NonceBytes })
        {
            throw new EdgeProtocolException(EdgeCloseCode.MalformedFrame, "the challenge's nonce is not 32 bytes");
        }

        var hello = new Hello(
            EdgeIdentityProof.ProtocolVersion,
            settings.Role,
            settings.Key.ExportSubjectPublicKeyInfo(),
            EdgeIdentityProof.Sign(settings.Key, settings.Role, challenge.Nonce),
            settings.Name,
            settings.AdmissionToken);
        await FrameReading.WriteOneAsync(transport.Output, hello, cancellation).ConfigureAwait(false);

        var answer = await FrameReading.ReadOneAsync(transport.Input, FrameReading.HandshakeMaxFrameBytes, cancellation).ConfigureAwait(false);
        return answer switch
        {
            Welcome welcome => welcome,
            Goodbye goodbye => throw new EdgeProtocolException(goodbye.Code, goodbye.Reason ?? ""),
            null => throw new IOException("the coordinator closed the connection during the handshake"),
            _ => throw new EdgeProtocolException(EdgeCloseCode.MalformedFrame, $"expected edge.welcome, got code {EdgeCodec.CodeOf(answer)}"),
        };
    }
}
