using Akka.Actor;
using P2C2R.Protocol.Contracts;

namespace P2C2R.GamerClient.Connection;

/// <summary>
/// To <see cref="EdgeLinkActor"/>: send <see cref="Message"/> to the coordinator and answer the
/// sender with its reply (or a <see cref="Status.Failure"/> when the connection is lost first).
/// </summary>
public sealed record EdgeRequest(IEdgeMessage Message);

/// <summary>
/// To <see cref="EdgeLinkActor"/>: from now on tell <see cref="Subscriber"/> the connection's
/// events (the current <c>EdgeConnected</c> at once, when connected) and every message from the
/// coordinator that answers no request, such as a session's frames.
/// </summary>
public sealed record SubscribeEdge(IActorRef Subscriber);

/// <summary>
/// To <see cref="EdgeLinkActor"/>: answer <c>EdgeConnected</c> once connected, or a
/// <see cref="Status.Failure"/> with <see cref="CoordinatorUnavailableException"/> when
/// <see cref="Timeout"/> passes first or the coordinator refuses this client for good.
/// </summary>
public sealed record AwaitEdgeConnected(TimeSpan Timeout);
