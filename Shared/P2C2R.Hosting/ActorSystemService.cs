using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using P2C2R.Actors;
using P2C2R.Hocon;

namespace P2C2R.Hosting;

/// <summary>
/// Owns a node's <see cref="ActorSystem"/> for the lifetime of the host: created on start, and on
/// stop (Ctrl+C, SIGTERM) taken down through its coordinated shutdown.
/// </summary>
public sealed class ActorSystemService(string systemName, Config config, ILoggerFactory loggerFactory) : IHostedService
{
    private ActorSystem? _system;

    public ActorSystem System => _system ?? throw new InvalidOperationException("the actor system has not started");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _system = ActorSystem.Create(systemName, config, loggerFactory);
        loggerFactory.CreateLogger<ActorSystemService>().LogInformation(
            "Actor system {System} started (uid {Uid}, throughput {Throughput})", _system.Name, _system.Uid, _system.Settings.Throughput);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        _system is null ? Task.CompletedTask : _system.CoordinatedShutdown.Run("host is stopping").WaitAsync(cancellationToken);
}
