using Akka.Actor;

namespace P2C2R.Coordinator.Sessions;

/// <summary>
/// What a session uses on the node it runs on: that node's scheduler and its helpers' registry
/// (a session computes with the helpers connected to its own node), the cluster's ledger, and the
/// gamer accounts' shard region its reports go to.
/// </summary>
public sealed record SessionServices(
    CoordinatorSettings Settings,
    IActorRef Scheduler,
    IActorRef Registry,
    IActorRef Ledger,
    IActorRef Gamers);
