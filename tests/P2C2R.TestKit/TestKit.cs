using Microsoft.Extensions.Logging;
using P2C2R.Actors;
using P2C2R.Hocon;
using Xunit;

namespace P2C2R.TestKit;

/// <summary>
/// Base class for xunit tests of actors: each test gets its own <see cref="ActorSystem"/>
/// (configured from HOCON over the runtime and TestKit defaults), a test actor, probes, and the
/// system's log captured for assertions. Disposing terminates the system and fails the test if it
/// does not terminate in time.
/// </summary>
public abstract class TestKit : TestKitBase, IDisposable
{
    private static int _systems;
    private readonly LogCapture _capture;
    private readonly ILoggerFactory _loggerFactory;
    private readonly List<ActorSystem> _otherSystems = [];
    private int _probes;

    protected TestKit(string? config = null)
        : this(Create(config))
    {
    }

    private TestKit((ActorSystem System, TestKitSettings Settings, LogCapture Capture, ILoggerFactory LoggerFactory) created)
        : base(created.System, created.Settings, "testActor")
    {
        _capture = created.Capture;
        _loggerFactory = created.LoggerFactory;
        Logs = new LogFilters(_capture, created.Settings);
    }

    /// <summary>Assertions on what the system logged.</summary>
    public LogFilters Logs { get; }

    public TestProbe CreateTestProbe(string? name = null) => CreateTestProbe(Sys, name);

    /// <summary>A probe living in another system of the test (see <see cref="CreateSystem"/>).</summary>
    public TestProbe CreateTestProbe(ActorSystem system, string? name = null) =>
        new(system, Settings, name ?? $"probe-{Interlocked.Increment(ref _probes)}");

    /// <summary>
    /// Another actor system for tests with several parties (remoting, clusters). It shares the
    /// test's log capture and defaults and is terminated with the test.
    /// </summary>
    public ActorSystem CreateSystem(string name, string? config = null)
    {
        var system = ActorSystem.Create(name, Layered(config), _loggerFactory);
        lock (_otherSystems)
        {
            _otherSystems.Add(system);
        }

        return system;
    }

    public void Dispose()
    {
        ActorSystem[] others;
        lock (_otherSystems)
        {
            others = [.. _otherSystems];
        }

        var shutdown = Task.WhenAll(others.Select(s => s.Terminate()).Append(Sys.Terminate()));
        var timeout = Dilated(Settings.ShutdownTimeout);
        GC.SuppressFinalize(this);
        var terminated = shutdown.Wait(timeout);
        _loggerFactory.Dispose();
        Assert.True(terminated, $"actor system {Sys.Name} did not terminate within {timeout.TotalSeconds:0} s");
    }

    private static Config Layered(string? config)
    {
        var builder = new ConfigBuilder()
            .AddEmbeddedResource(typeof(ActorSystem).Assembly, "reference.conf")
            .AddEmbeddedResource(typeof(TestKit).Assembly, "testkit.conf");
        if (config is not null)
        {
            builder.AddText(config, "test config");
        }

        return builder.Build();
    }

    private static (ActorSystem, TestKitSettings, LogCapture, ILoggerFactory) Create(string? config)
    {
        var resolved = Layered(config);
        var capture = new LogCapture();
        var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(capture));
        var system = ActorSystem.Create($"test-{Interlocked.Increment(ref _systems)}", resolved, loggerFactory);
        return (system, new TestKitSettings(resolved), capture, loggerFactory);
    }
}
