using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Hosting;

namespace P2C2R.Coordinator.Edge;

/// <summary>
/// Learns once, as the host starts, which actors edge connections talk to (<see cref="GetEdgeTargets"/>
/// on the <see cref="CoordinatorRoot"/>), so that accepting a connection never waits on an ask.
/// Until it has, <see cref="Targets"/> throws and the edge turns connections away as "starting".
/// </summary>
public sealed class EdgeTargetsProvider(IRequiredActor<CoordinatorRoot> root) : IHostedService
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);
    private EdgeTargets? _targets;

    public EdgeTargets Targets => Volatile.Read(ref _targets) ?? throw new InvalidOperationException("the coordinator is still starting");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var actor = await root.GetAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _targets, await actor.Ask<EdgeTargets>(GetEdgeTargets.Instance, AskTimeout, cancellationToken).ConfigureAwait(false));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
