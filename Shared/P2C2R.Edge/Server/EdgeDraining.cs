using Akka;
using Akka.Actor;

namespace P2C2R.Edge.Server;

/// <summary>
/// Published on the actor system's event stream when this node is about to leave: every edge
/// connection says Goodbye (<see cref="Protocol.Contracts.EdgeCloseCode.ShuttingDown"/>) at once,
/// so its helper or gamer moves to another coordinator before this node hands its sessions off,
/// instead of learning of the shutdown when the listener finally stops.
/// </summary>
public sealed record EdgeDraining
{
    public static EdgeDraining Instance { get; } = new();

    /// <summary>Publishes <see cref="EdgeDraining"/> in the first phase of <paramref name="system"/>'s coordinated shutdown, before anything is handed off.</summary>
    public static void OnShutdown(ActorSystem system) =>
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "edge-draining", () =>
        {
            system.EventStream.Publish(Instance);
            return Task.FromResult(Done.Instance);
        });
}
