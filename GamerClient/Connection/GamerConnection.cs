using Microsoft.Extensions.Logging;
using P2C2R.Actors;
using P2C2R.Hocon;
using P2C2R.Protocol;
using P2C2R.Remote;
using P2C2R.Remote.Serialization;

namespace P2C2R.GamerClient.Connection;

/// <summary>
/// The gamer's side of the wire: a small actor system that dials the coordinator (it never
/// listens, so it works from behind NAT), with the coordinator's session manager resolved.
/// </summary>
public sealed class GamerConnection : IAsyncDisposable
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    private GamerConnection(ActorSystem system, IActorRef sessions)
    {
        System = system;
        Sessions = sessions;
    }

    public ActorSystem System { get; }

    public IActorRef Sessions { get; }

    public static GamerConnection Open(Config config, string? coordinator, ILoggerFactory logging)
    {
        var overrides = "p2c2r.remote { enabled = on, role = gamer, listen = off }\n";
        if (coordinator is not null)
        {
            overrides += $"p2c2r.gamer.coordinator = \"{coordinator}\"\n";
        }

        var effective = Config.Parse(overrides, "gamer command line").WithFallback(config);
        var name = effective.GetString("p2c2r.node.name", "gamer") + "-" + Environment.ProcessId;
        var system = ActorSystem.Create(name, effective, logging);
        var transport = RemoteTransport.Start(system, MessageRegistry.Create(new ProtocolMessages()));
        var target = $"p2c2r.tcp://{effective.GetString("p2c2r.gamer.coordinator-system", "coordinator")}@{effective.GetString("p2c2r.gamer.coordinator")}/user/coordinator/sessions";
        return new GamerConnection(system, transport.ResolveRef(target));
    }

    public Task<object> AskAsync(object message) => Sessions.Ask(message, AskTimeout);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await System.CoordinatedShutdown.Run("gamer client done").WaitAsync(timeout.Token).ConfigureAwait(false);
    }
}
