using Akka.Actor;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Sessions;

/// <summary>Session → manager, every second and at the end: its public state for status and list queries.</summary>
internal sealed record SessionReport(SessionInfo Info);

/// <summary>Manager → session: stream to this gamer from now on.</summary>
internal sealed record AttachGamer(IActorRef Gamer);

/// <summary>Manager → session: end now and tell the gamer and whoever asked.</summary>
internal sealed record StopSession(IActorRef? Requester);
