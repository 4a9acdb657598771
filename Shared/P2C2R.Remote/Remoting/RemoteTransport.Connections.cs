using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using P2C2R.Actors;
using P2C2R.MessagePack;
using P2C2R.Remote.Transport;

namespace P2C2R.Remote;

public sealed partial class RemoteTransport
{
    private static Socket Bind(string host, int port)
    {
        var address = IPAddress.TryParse(host, out var ip) ? ip : Dns.GetHostAddresses(host).First();
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(512);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void Run()
    {
        if (_listener is not null)
        {
            Track(AcceptLoopAsync(_listener));
            Log.LogInformation("Remoting listens on {Bound}, advertised as {Address}", _listener.LocalEndPoint, Address);
        }
        else
        {
            Log.LogInformation("Remoting started without a listener as {Address}: others reach it over connections it dials", Address);
        }

        Track(HeartbeatLoopAsync());
        System.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "remoting", StopAsync);
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                Log.LogWarning("Accept failed: {Reason}", exception.Message);
                continue;
            }

            socket.NoDelay = true;
            Track(AcceptAsync(socket));
        }
    }

    /// <summary>The listening side of a handshake: check the caller, then answer and keep the connection.</summary>
    private async Task AcceptAsync(Socket socket)
    {
        var endpoint = socket.RemoteEndPoint?.ToString() ?? "?";
        using var handshakeTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        handshakeTimeout.CancelAfter(Settings.HandshakeTimeout);
        var stream = await _tls.WrapAsync(new NetworkStream(socket, ownsSocket: false), inbound: true, "", endpoint, handshakeTimeout.Token).ConfigureAwait(false);
        if (stream is null)
        {
            socket.Dispose();
            return;
        }

        var connection = new Connection(socket, stream, inbound: true, Settings.MaximumFrameSize, Log);
        var frame = await connection.ReadOneFrameAsync(Settings.HandshakeTimeout).ConfigureAwait(false);
        if (frame is not { } first)
        {
            return;
        }

        HandshakeInfo remote;
        try
        {
            if (first.Kind != FrameKind.Associate)
            {
                throw new WireFormatException($"expected an Associate frame first, got {first.Kind}", 0);
            }

            remote = HandshakeInfo.Decode(first.Body, withToken: true);
        }
        catch (WireFormatException exception)
        {
            Refuse(connection, null, endpoint, $"malformed handshake: {exception.Message}");
            return;
        }

        var refusal = remote.ProtocolVersion != HandshakeInfo.CurrentProtocolVersion
            ? $"protocol version {remote.ProtocolVersion} is not supported (this system speaks {HandshakeInfo.CurrentProtocolVersion})"
            : !TokenMatches(remote.AuthToken) ? "invalid auth token"
            : remote.SystemName != remote.Address.System ? $"system name {remote.SystemName} does not match its address {remote.Address}"
            : remote.Address == Address ? "the caller claims this system's own address"
            : null;
        if (refusal is not null)
        {
            Refuse(connection, remote.Address, endpoint, refusal);
            return;
        }

        var association = AssociationFor(remote.Address);
        var attached = association.Attach(connection, remote, LocalHandshake().Encode(includeToken: false));
        if (attached == AttachResult.Retired)
        {
            association = AssociationFor(remote.Address);
            attached = association.Attach(connection, remote, LocalHandshake().Encode(includeToken: false));
        }

        if (attached != AttachResult.Attached)
        {
            Refuse(connection, remote.Address, endpoint, "duplicate connection: the one dialled by the other side is kept", quiet: true);
            return;
        }

        OnAssociated(association, remote);
        await connection.RunReadLoopAsync(association.OnFrame).ConfigureAwait(false);
    }

    private void Refuse(Connection connection, Address? remote, string endpoint, string reason, bool quiet = false)
    {
        if (!quiet)
        {
            Log.LogWarning("Refused association from {Remote} ({Endpoint}): {Reason}", remote?.ToString() ?? "unknown system", endpoint, reason);
            System.EventStream.Publish(new AssociationRefused(remote, endpoint, reason));
        }

        connection.SendImmediately(FrameKind.AssociateRefused, HandshakeInfo.EncodeRefusal(reason));
        connection.Close($"refused: {reason}", error: false);
    }

    /// <summary>The dialling side: connect, handshake, attach. False (logged) when it did not work.</summary>
    internal async Task<bool> DialAsync(Association association, CancellationToken stopping)
    {
        var target = association.RemoteAddress;
        var endpoint = $"{target.Host}:{target.Port}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(Settings.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target.Host, target.Port, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            Log.LogDebug("Connecting to {Remote} failed: {Reason}", target, exception.Message);
            return false;
        }

        timeout.CancelAfter(Settings.HandshakeTimeout);
        var stream = await _tls.WrapAsync(new NetworkStream(socket, ownsSocket: false), inbound: false, target.Host, endpoint, timeout.Token).ConfigureAwait(false);
        if (stream is null)
        {
            socket.Dispose();
            return false;
        }

        var connection = new Connection(socket, stream, inbound: false, Settings.MaximumFrameSize, Log);
        if (!connection.SendImmediately(FrameKind.Associate, LocalHandshake().Encode(includeToken: true)))
        {
            return false;
        }

        var frame = await connection.ReadOneFrameAsync(Settings.HandshakeTimeout).ConfigureAwait(false);
        if (frame is not { } answer)
        {
            return false;
        }

        try
        {
            switch (answer.Kind)
            {
                case FrameKind.AssociateRefused:
                    var reason = HandshakeInfo.DecodeRefusal(answer.Body);
                    connection.Close($"refused: {reason}", error: false);
                    if (!reason.StartsWith("duplicate connection", StringComparison.Ordinal))
                    {
                        Log.LogWarning("Association to {Remote} refused: {Reason}", target, reason);
                        System.EventStream.Publish(new AssociationRefused(target, endpoint, reason));
                    }

                    return association.IsConnected;
                case FrameKind.AssociateAck:
                    var remote = HandshakeInfo.Decode(answer.Body, withToken: false);
                    if (remote.SystemName != target.System)
                    {
                        connection.Close($"expected system {target.System} at {endpoint} but {remote.SystemName} answered", error: true);
                        return false;
                    }

                    if (association.Attach(connection, remote with { Address = target }) != AttachResult.Attached)
                    {
                        association.Retire(connection);
                        Track(connection.RunReadLoopAsync(association.OnFrame));
                        return association.IsConnected;
                    }

                    OnAssociated(association, remote);
                    Track(connection.RunReadLoopAsync(association.OnFrame));
                    return true;
                default:
                    connection.Close($"expected a handshake answer, got {answer.Kind}", error: true);
                    return false;
            }
        }
        catch (WireFormatException exception)
        {
            connection.Close($"malformed handshake answer: {exception.Message}", error: true);
            return false;
        }
    }

    private void OnAssociated(Association association, HandshakeInfo remote)
    {
        Log.LogDebug("Associated with {Remote} (uid {Uid}, role '{Role}')", remote.Address, remote.Uid, remote.Role);
        System.EventStream.Publish(new Associated(association.RemoteAddress, remote.Uid, remote.Role));
    }

    private async Task HeartbeatLoopAsync()
    {
        using var timer = new PeriodicTimer(Settings.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                foreach (var association in _associations.Values)
                {
                    association.OnHeartbeatTick();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Ends this system's remoting as a crash would: every connection closes at once with no
    /// disassociate frame, so other systems learn of it only from the closed socket, as they do
    /// when a process is killed or its machine loses power. For fault drills and chaos tests; a
    /// normal stop goes through coordinated shutdown, which says goodbye first.
    /// </summary>
    public void Abort()
    {
        _stopping.Cancel();
        _listener?.Dispose();
        foreach (var association in _associations.Values)
        {
            association.DropConnection();
        }
    }

    private async Task StopAsync(CancellationToken cancellation)
    {
        _stopping.Cancel();
        _listener?.Dispose();
        foreach (var association in _associations.Values)
        {
            association.Disassociate("the system is shutting down");
        }

        Task[] loops;
        lock (_loops)
        {
            loops = [.. _loops];
        }

        await Task.WhenAll(loops).WaitAsync(cancellation).ConfigureAwait(false);
    }
}
