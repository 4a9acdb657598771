using Akka.Actor;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Helpers;

/// <summary>
/// Edge → registry: a helper connection registered. <paramref name="Account"/> was proven by the
/// handshake's signature and <paramref name="Host"/> is the remote address the edge observed, never
/// what the helper claims, so two replicas of a task are kept off one person's machines.
/// <paramref name="Connection"/> is the helper for the coordinator: tasks are sent to it, results
/// come from it, and its termination means the helper is gone.
/// </summary>
public sealed record HelperJoined(IActorRef Connection, string Account, string Host, HelperCapabilities Capabilities);
