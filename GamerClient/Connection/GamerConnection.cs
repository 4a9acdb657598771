using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Hosting.Logging;
using Microsoft.Extensions.Logging;
using P2C2R.Edge.Client;
using P2C2R.Edge.Identity;
using P2C2R.Protocol.Contracts;

namespace P2C2R.GamerClient.Connection;

/// <summary>
/// A command's connection to its coordinator: a local actor system (no remoting: the gamer only
/// dials out through its edge client, so it works from behind NAT), an <see cref="EdgeLinkActor"/>
/// with the edge client under it, and request/reply on top. Opening waits until the handshake is
/// done; every request waits at most the request timeout; a dead or refusing coordinator and a
/// <c>session.not-found</c> become exceptions whose message says so.
/// </summary>
public sealed class GamerConnection : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);
    private readonly TimeSpan _requestTimeout;
    private readonly bool _ownsSystem;

    private GamerConnection(ActorSystem system, IActorRef link, EdgeConnected connected, TimeSpan requestTimeout, bool ownsSystem)
    {
        System = system;
        Link = link;
        Connected = connected;
        _requestTimeout = requestTimeout;
        _ownsSystem = ownsSystem;
    }

    public ActorSystem System { get; }

    /// <summary>The <see cref="EdgeLinkActor"/>: tell it wire messages, ask it <see cref="EdgeRequest"/>s.</summary>
    public IActorRef Link { get; }

    /// <summary>The first connection's welcome: the account the key proves, and the coordinator reached.</summary>
    public EdgeConnected Connected { get; }

    public string Account => Connected.Welcome.Account;

    /// <summary>
    /// Loads (or on first use creates) the identity key, starts the actor system and the edge
    /// client as role gamer, and waits for the first welcome. The key lives as long as the system.
    /// </summary>
    public static async Task<GamerConnection> OpenAsync(GamerSettings settings, Config config, ILoggerFactory logging, CancellationToken cancellation = default)
    {
        var key = IdentityStore.LoadOrCreate(settings.IdentityPath);
        var client = new EdgeClientSettings(settings.Coordinators, EdgeRole.Gamer, settings.Name, key) { AdmissionToken = settings.AdmissionToken, Tls = settings.Tls };
        var setup = BootstrapSetup.Create().WithConfig(config).And(new LoggerFactorySetup(logging));
        ActorSystem system;
        try
        {
            system = ActorSystem.Create("gamer", setup);
        }
        catch
        {
            key.Dispose();
            throw;
        }

        system.RegisterOnTermination(key.Dispose);
        try
        {
            return await AttachAsync(system, context => context.ActorOf(EdgeClientActor.Props(client, context.Self), "edge"), settings, ownsSystem: true, cancellation);
        }
        catch (CoordinatorUnavailableException error)
        {
            await Shutdown(system);
            throw new CoordinatorUnavailableException($"cannot reach a coordinator at {string.Join(", ", settings.Coordinators)}: {error.Message}");
        }
        catch
        {
            await Shutdown(system);
            throw;
        }
    }

    /// <summary>
    /// Starts a link in <paramref name="system"/> whose client <paramref name="startClient"/> makes
    /// (or names: tests pass a probe) and waits for its first connection.
    /// </summary>
    public static async Task<GamerConnection> AttachAsync(ActorSystem system, Func<IActorContext, IActorRef> startClient, GamerSettings settings, bool ownsSystem, CancellationToken cancellation = default)
    {
        var link = system.ActorOf(EdgeLinkActor.Props(startClient));
        try
        {
            var connected = await link.Ask<EdgeConnected>(new AwaitEdgeConnected(settings.ConnectTimeout), settings.ConnectTimeout * 2, cancellation);
            return new GamerConnection(system, link, connected, settings.RequestTimeout, ownsSystem);
        }
        catch (AskTimeoutException)
        {
            system.Stop(link);
            throw new CoordinatorUnavailableException($"no coordinator answered within {settings.ConnectTimeout.TotalSeconds:0.#} s");
        }
        catch
        {
            system.Stop(link);
            throw;
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> and waits for its reply, at most the request timeout;
    /// <c>session.not-found</c> throws <see cref="SessionNotFoundException"/>.
    /// </summary>
    public async Task<TReply> RequestAsync<TReply>(IEdgeMessage request, CancellationToken cancellation = default)
        where TReply : IEdgeMessage
    {
        object reply;
        try
        {
            reply = await Link.Ask(new EdgeRequest(request), _requestTimeout, cancellation);
        }
        catch (AskTimeoutException)
        {
            throw new TimeoutException($"the coordinator did not answer {request.GetType().Name} within {_requestTimeout.TotalSeconds:0.#} s");
        }

        return reply switch
        {
            TReply answer => answer,
            SessionNotFound missing => throw new SessionNotFoundException(missing.SessionId),
            _ => throw new CoordinatorUnavailableException($"the coordinator answered {request.GetType().Name} with {reply.GetType().Name}"),
        };
    }

    /// <summary>Makes <paramref name="subscriber"/> the receiver of the connection's events and of every message that answers no request.</summary>
    public void Subscribe(IActorRef subscriber) => Link.Tell(new SubscribeEdge(subscriber));

    public async ValueTask DisposeAsync()
    {
        if (_ownsSystem)
        {
            await Shutdown(System);
        }
        else
        {
            System.Stop(Link);
        }
    }

    private static async Task Shutdown(ActorSystem system)
    {
        try
        {
            await system.Terminate().WaitAsync(ShutdownTimeout);
        }
        catch (TimeoutException)
        {
            // The process is about to exit; a system that does not stop in time is abandoned.
        }
    }
}
