using System.Collections.Concurrent;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using P2C2R.Edge.Client;
using P2C2R.Edge.Server;
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
    private WebApplication? _app;

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
        var options = new EdgeServerOptions { BindAddress = "127.0.0.1", Port = 0, CoordinatorName = "fake", AdmissionToken = admissionToken };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(system);
        builder.Services.AddEdgeServer(options);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenEdge(options));
        var fake = new FakeCoordinator { GameFormat = gameFormat };
        builder.Services.AddSingleton<IEdgeEndpoint>(fake);
        fake._app = builder.Build();
        await fake._app.StartAsync();
        var bound = new Uri(fake._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        fake.Address = new CoordinatorAddress("127.0.0.1", bound.Port);
        return fake;
    }

    public Props PropsFor(EdgePeer peer, IEdgeOutbound outbound) => Props.Create(() => new FakeGamerConnection(peer, outbound, this));

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app!.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
