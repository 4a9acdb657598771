using System.Net;
using Akka.Actor;
using P2C2R.Edge.Server;
using P2C2R.Testing;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Sandbox.Tests.Helping;

/// <summary>
/// A real edge server (Kestrel, framing, handshake) on a free loopback port whose connections are
/// driven by a test probe: the probe gets <see cref="PeerConnected"/> and every message the peer
/// sends, and an <see cref="IEdgeMessage"/> told to the connection actor goes to the peer.
/// </summary>
internal sealed class InProcessEdge : IAsyncDisposable
{
    private readonly EdgeTestServer _server;

    private InProcessEdge(EdgeTestServer server) => _server = server;

    public int Port => _server.Port;

    public static async Task<InProcessEdge> StartAsync(ActorSystem system, IActorRef probe) =>
        new(await EdgeTestServer.StartAsync(system, new ProbeEndpoint(probe), new EdgeServerOptions { CoordinatorName = "test-edge" }).WaitAsync(TimeSpan.FromSeconds(10)));

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>A peer passed the handshake; <paramref name="Connection"/> sends to it.</summary>
    public sealed record PeerConnected(IActorRef Connection, EdgePeer Peer);

    /// <summary>The connection's actor stopped: the peer closed it (or it was lost).</summary>
    public sealed record PeerGone(long ConnectionId);

    private sealed class ProbeEndpoint(IActorRef probe) : IEdgeEndpoint
    {
        public Props PropsFor(EdgePeer peer, IEdgeOutbound outbound) => Props.Create(() => new ProbeConnection(peer, outbound, probe));
    }

    private sealed class ProbeConnection : EdgeConnectionActor
    {
        private readonly IActorRef _probe;

        public ProbeConnection(EdgePeer peer, IEdgeOutbound outbound, IActorRef probe)
            : base(peer, outbound)
        {
            _probe = probe;
            Receive<IEdgeMessage>(message => Sender.IsNobody(), message => probe.Tell(message, Self));
            Receive<IEdgeMessage>(message => Send(message));
        }

        protected override void PreStart() => _probe.Tell(new PeerConnected(Self, Peer));

        protected override void PostStop()
        {
            _probe.Tell(new PeerGone(Peer.ConnectionId));
            base.PostStop();
        }
    }

    /// <summary>The loopback address helpers bind to in tests, so the server sees them as another host.</summary>
    public static IPAddress SecondLoopback { get; } = IPAddress.Parse("127.0.0.2");
}
