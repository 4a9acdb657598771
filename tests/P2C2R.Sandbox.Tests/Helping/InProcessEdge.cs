using System.Net;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using P2C2R.Edge.Server;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Sandbox.Tests.Helping;

/// <summary>
/// A real edge server (Kestrel, framing, handshake) on a free loopback port whose connections are
/// driven by a test probe: the probe gets <see cref="PeerConnected"/> and every message the peer
/// sends, and an <see cref="IEdgeMessage"/> told to the connection actor goes to the peer.
/// </summary>
internal sealed class InProcessEdge : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessEdge(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<InProcessEdge> StartAsync(ActorSystem system, IActorRef probe)
    {
        var options = new EdgeServerOptions { BindAddress = "127.0.0.1", Port = 0, CoordinatorName = "test-edge" };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(system);
        builder.Services.AddSingleton<IEdgeEndpoint>(new ProbeEndpoint(probe));
        builder.Services.AddEdgeServer(options);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenEdge(options));
        var app = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await app.StartAsync(timeout.Token);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new InProcessEdge(app, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

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
