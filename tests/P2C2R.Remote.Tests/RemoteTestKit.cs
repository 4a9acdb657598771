using P2C2R.Hocon;

namespace P2C2R.Remote.Tests;

/// <summary>
/// A TestKit whose system has remoting on a free loopback port, plus helpers to start more
/// systems the same way. Heartbeats are fast so failure detection fits in a test.
/// </summary>
public abstract class RemoteTestKit(string? config = null) : P2C2R.TestKit.TestKit(Merge(config))
{
    public const string FastDetection = """
        p2c2r.remote {
          heartbeat-interval = 100ms
          failure-detector { acceptable-heartbeat-pause = 500ms, threshold = 8, first-heartbeat-estimate = 100ms, min-std-deviation = 50ms }
          reconnect { min-backoff = 50ms, max-backoff = 500ms }
        }
        """;

    private RemoteTransport? _remote;

    /// <summary>Remoting of the test's own system (started on first use).</summary>
    public RemoteTransport Remote => _remote ??= RemoteTransport.Start(Sys, TestMessages.Registry);

    /// <summary>Starts another system with remoting; <paramref name="config"/> is layered on the test defaults.</summary>
    public (ActorSystem System, RemoteTransport Remote) StartSystem(string name, string? config = null)
    {
        var system = CreateSystem(name, Merge(config));
        return (system, RemoteTransport.Start(system, TestMessages.Registry));
    }

    /// <summary>The ref another system uses to reach <paramref name="actor"/> of this one.</summary>
    public static IActorRef RefFrom(RemoteTransport from, RemoteTransport owner, IActorRef actor) =>
        from.ResolveRef(owner.WireForm(actor));

    private static string Merge(string? config) => FastDetection + "\n" + (config ?? "");

    protected static Config Parse(string text) => Config.Parse(text);
}
