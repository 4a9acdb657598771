using MessagePack;

namespace P2C2R.Protocol.Contracts;

/// <summary>
/// Gamer or helper → coordinator: "give me a link that opens my own pages in a browser". The
/// account and role are the connection's, proven by the handshake, so the request carries nothing.
/// </summary>
[MessagePackObject]
public sealed record WebLoginRequest : IEdgeMessage;

/// <summary>
/// Coordinator → the peer that sent <see cref="WebLoginRequest"/>: a one-time URL of the node's
/// HTTP port (<c>/login?code=…</c>) that signs a browser in as this account and role, good once
/// and for <paramref name="ExpiresInMs"/> milliseconds. An empty <paramref name="Url"/> means no
/// link, and <paramref name="Refused"/> says why (empty from a coordinator that predates it), so
/// the asking command can tell its user whether to wait or to use the codes it has.
/// </summary>
[MessagePackObject]
public sealed record WebLoginLink(
    [property: Key(0)] string Url,
    [property: Key(1)] long ExpiresInMs,
    [property: Key(2)] string Refused = "") : IEdgeMessage;
