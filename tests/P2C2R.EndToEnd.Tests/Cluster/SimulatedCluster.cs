using P2C2R.Coordinator;
using P2C2R.GameSdk;

namespace P2C2R.EndToEnd.Tests.Cluster;

/// <summary>
/// A coordinator in this process on its real edge (<see cref="InProcessCoordinator"/>) with
/// helpers and gamers of its own (<see cref="EdgeParticipants"/>): a whole community on one
/// machine, over loopback TCP.
/// </summary>
public sealed class SimulatedCluster : EdgeParticipants
{
    private SimulatedCluster(InProcessCoordinator coordinator) : base(coordinator.Endpoint) => Coordinator = coordinator;

    public InProcessCoordinator Coordinator { get; }

    public CoordinatorSettings Settings => Coordinator.Settings;

    /// <inheritdoc cref="InProcessCoordinator.StartAsync"/>
    public static async Task<SimulatedCluster> StartAsync(Dictionary<string, string>? overrides = null, IGame? game = null) =>
        new(await InProcessCoordinator.StartAsync(overrides, game));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Coordinator.DisposeAsync();
    }
}
