using System.Net;
using Akka.Actor;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Helpers;

/// <summary>
/// Edge → registry: a helper connection registered. <paramref name="Account"/> was proven by the
/// handshake's signature and <paramref name="Address"/> is the remote address the edge observed, never
/// what the helper claims: the registry widens it to the helper's <see cref="HostGroup"/>, so two
/// replicas of a task are kept off one person's machines.
/// <paramref name="Connection"/> is the helper for the coordinator: the scheduler sends it
/// <see cref="AssignTask"/>s and takes a <see cref="TaskResult"/> as the helper's only when the
/// connection is its sender (so the connection tells the wire result to the AssignTask's sender
/// with itself as sender); it sends its <see cref="HelperLoad"/>s to the registry the same way; the
/// registry answers it <see cref="HelperAccepted"/> (or <see cref="HelperRefused"/>) and passes it <see cref="CreditUpdate"/>s; and
/// its termination means the helper is gone (its tasks are reassigned at once).
/// </summary>
public sealed record HelperJoined(IActorRef Connection, string Account, IPAddress Address, HelperCapabilities Capabilities);
