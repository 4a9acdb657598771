using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using P2C2R.Remote.Transport;

namespace P2C2R.Remote.Tests;

/// <summary>Bad bytes close only the connection they came on; other associations carry on.</summary>
public class MalformedInputTests : RemoteTestKit
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    public static TheoryData<string, byte[]> BadStarts => new()
    {
        { "zero length", [0, 0, 0, 0, 1] },
        { "garbage", "GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray() },
        { "oversized", Header(10 * 1024 * 1024, FrameKind.Associate) },
        { "unknown kind", [0, 0, 0, 2, 99, 0] },
        { "not a handshake", Frame(FrameKind.Message, [0x90]) },
        { "malformed handshake", Frame(FrameKind.Associate, [0x93, 0x01, 0xa1, (byte)'x']) },
    };

    [Theory]
    [MemberData(nameof(BadStarts))]
    public void A_bad_first_frame_closes_that_connection_only(string what, byte[] bytes)
    {
        var (otherRemote, probe, fromHere) = EstablishedAssociation();

        using var socket = Connect(otherRemote);
        socket.Send(bytes);

        Assert.True(IsClosedByPeer(socket), $"{what}: the connection stayed open");
        fromHere.Tell(new Ping(2), TestActor);
        probe.ExpectMsg<Ping>(p => p.Sequence == 2);
    }

    [Fact]
    public void A_truncated_body_closes_that_connection_with_a_logged_reason()
    {
        var (_, otherRemote) = StartSystem("other");
        using var socket = Connect(otherRemote);

        Logs.Warning("closed").ExpectOne(() =>
        {
            socket.Send(Header(100, FrameKind.Associate));
            socket.Send(new byte[10]);
            socket.Shutdown(SocketShutdown.Send);
            Assert.True(IsClosedByPeer(socket));
        });
    }

    [Fact]
    public void A_malformed_message_after_a_good_handshake_closes_that_connection_only()
    {
        var (otherRemote, probe, fromHere) = EstablishedAssociation();
        using var socket = Associate(otherRemote);

        Logs.Warning("malformed message").ExpectOne(() =>
        {
            socket.Send(Frame(FrameKind.Message, [0x95, 0xa2, (byte)'/', (byte)'u', 0x00, 0xc0, 0xcd, 0x01, 0x00, 0xc1]));
            Assert.True(IsClosedByPeer(socket));
        });
        fromHere.Tell(new Ping(2), TestActor);
        probe.ExpectMsg<Ping>(p => p.Sequence == 2);
    }

    [Fact]
    public void A_message_of_an_unregistered_type_id_is_dropped_and_logged_and_the_connection_stays()
    {
        var (otherRemote, probe, _) = EstablishedAssociation();
        using var socket = Associate(otherRemote);
        var path = System.Text.Encoding.UTF8.GetBytes(probe.Ref.Path.Elements);

        Logs.Warning("unregistered type id 9999").ExpectOne(() =>
            socket.Send(Frame(FrameKind.Message, [0x95, (byte)(0xa0 | path.Length), .. path, 0x00, 0xc0, 0xcd, 0x27, 0x0f, 0x91, 0x01])));
        socket.Send(Frame(FrameKind.Message, [0x95, (byte)(0xa0 | path.Length), .. path, 0x00, 0xc0, 0x64, 0x91, 0x07]));

        Assert.Equal(7, probe.ExpectMsg<Ping>().Sequence);
    }

    /// <summary>A second system with a probe, already reached once from this system.</summary>
    private (RemoteTransport Remote, P2C2R.TestKit.TestProbe Probe, IActorRef FromHere) EstablishedAssociation()
    {
        var (other, otherRemote) = StartSystem("other");
        var probe = CreateTestProbe(other);
        var fromHere = RefFrom(Remote, otherRemote, probe.Ref);
        fromHere.Tell(new Ping(1), TestActor);
        probe.ExpectMsg<Ping>();
        return (otherRemote, probe, fromHere);
    }

    /// <summary>A raw socket that has completed the handshake as a system named "rogue".</summary>
    private static Socket Associate(RemoteTransport target)
    {
        var socket = Connect(target);
        var hello = new HandshakeInfo(HandshakeInfo.CurrentProtocolVersion, "rogue", 42, new Address("rogue", "127.0.0.1", 0), "", "");
        socket.Send(Frame(FrameKind.Associate, hello.Encode(includeToken: true)));
        var answer = new byte[512];
        Assert.True(socket.Receive(answer) > 0);
        Assert.Equal((byte)FrameKind.AssociateAck, answer[4]);
        return socket;
    }

    private static Socket Connect(RemoteTransport target)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = (int)CloseTimeout.TotalMilliseconds };
        socket.Connect((IPEndPoint)target.BoundEndpoint!);
        return socket;
    }

    private static bool IsClosedByPeer(Socket socket)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = socket.Receive(buffer);
                if (read == 0)
                {
                    return true;
                }
            }
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static byte[] Header(int length, FrameKind kind)
    {
        var header = new byte[5];
        BinaryPrimitives.WriteInt32BigEndian(header, length);
        header[4] = (byte)kind;
        return header;
    }

    private static byte[] Frame(FrameKind kind, byte[] body) => [.. Header(body.Length + 1, kind), .. body];
}
