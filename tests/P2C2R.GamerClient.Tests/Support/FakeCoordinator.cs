using System.Collections.Concurrent;
using Akka.Actor;
using P2C2R.Edge.Client;
using P2C2R.Edge.Server;
using P2C2R.Testing;
using P2C2R.GameSdk;
using P2C2R.Protocol.Contracts;

namespace P2C2R.GamerClient.Tests.Support;

/// <summary>
/// A real edge server (Kestrel on 127.0.0.1, a free port) whose gamer connections are served by
/// <see cref="FakeGamerConnection"/>: just enough of a coordinator to start, resume, stream, end
/// and query sessions per account (<see cref="FakeSession"/>), and to drop a connection on cue as a
/// restarting coordinator would.
/// </summary>
internal sealed class FakeCoordinator : IEdgeEndpoint, IAsyncDisposable
{
    private EdgeTestServer? _server;

    private FakeCoordinator()
    {
    }

    public CoordinatorAddress Address { get; private set; } = null!;

    /// <summary>Every session started, by id.</summary>
    public ConcurrentDictionary<string, FakeSession> Sessions { get; } = new();

    /// <summary>The frames of the built-in game its sessions play, or null for small synthetic frames.</summary>
    public FrameFormat? GameFormat { get; private init; }

    /// <summary>Keys of every input received, in order.</summary>
    public ConcurrentQueue<int> Inputs { get; } = new();

    /// <summary>When positive, the next streaming connection is closed after this many frames (then it is reset to 0).</summary>
    public int DropAfterFrames { get; set; }

    public static async Task<FakeCoordinator> StartAsync(ActorSystem system, string? admissionToken = null, FrameFormat? gameFormat = null)
    {
        var fake = new FakeCoordinator { GameFormat = gameFormat };
        fake._server = await EdgeTestServer.StartAsync(system, fake, new EdgeServerOptions { CoordinatorName = "fake", AdmissionToken = admissionToken });
        fake.Address = fake._server.Address;
        return fake;
    }

    public Props PropsFor(EdgePeer peer, IEdgeOutbound outbound) => Props.Create(() => new FakeGamerConnection(peer, outbound, this));

    public ValueTask DisposeAsync() => _server!.DisposeAsync();
}
