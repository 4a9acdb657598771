using Akka.Hosting;
using Microsoft.Extensions.Hosting;
using P2C2R.Coordinator.Helpers;
using P2C2R.Coordinator.Sessions;

namespace P2C2R.Coordinator.Edge;

/// <summary>
/// Learns once, as the host starts, which actors edge connections talk to (this node's
/// <see cref="PeerRegistry"/> and the <see cref="GamerSessions"/> shard region), so that accepting
/// a connection never waits. Until it has, <see cref="Targets"/> throws and the edge turns
/// connections away as "starting".
/// </summary>
public sealed class EdgeTargetsProvider(IRequiredActor<PeerRegistry> registry, IRequiredActor<GamerSessions> gamers) : IHostedService
{
    private EdgeTargets? _targets;

    public EdgeTargets Targets => Volatile.Read(ref _targets) ?? throw new InvalidOperationException("the coordinator is still starting");

    public async Task StartAsync(CancellationToken cancellationToken) =>
        Volatile.Write(ref _targets, new EdgeTargets(
            await registry.GetAsync(cancellationToken).ConfigureAwait(false),
            await gamers.GetAsync(cancellationToken).ConfigureAwait(false)));

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
