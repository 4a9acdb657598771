using Akka.Actor;

namespace P2C2R.Edge.Server;

/// <summary>
/// The application's side of the edge: given a peer that passed the handshake, the props of the
/// actor that will own its connection (typically one actor type per role). The edge creates one
/// such actor per connection and delivers to it only messages the peer's role may send.
/// </summary>
public interface IEdgeEndpoint
{
    Props PropsFor(EdgePeer peer, IEdgeOutbound outbound);
}
