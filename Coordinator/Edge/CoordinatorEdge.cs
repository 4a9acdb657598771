using Akka.Actor;
using P2C2R.Coordinator.Web.Login;
using P2C2R.Edge.Server;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Coordinator.Edge;

/// <summary>
/// The coordinator's side of the edge: a helper's connection becomes a <see cref="HelperConnection"/>
/// talking to the registry and scheduler, a gamer's a <see cref="GamerConnection"/> talking to the
/// session manager. The edge has already checked the handshake and filters every inbound message
/// by role, so each connection actor only ever sees what its role may send. Both answer
/// <c>web.login-request</c> from <see cref="LoginLinks"/>, when the node serves its web pages.
/// </summary>
public sealed class CoordinatorEdge(EdgeTargetsProvider provider, LoginLinks? links = null) : IEdgeEndpoint
{
    public Props PropsFor(EdgePeer peer, IEdgeOutbound outbound)
    {
        var targets = provider.Targets;
        return peer.Role switch
        {
            EdgeRole.Helper => Props.Create(() => new HelperConnection(peer, outbound, targets.Registry, links)),
            EdgeRole.Gamer => Props.Create(() => new GamerConnection(peer, outbound, targets.Gamers, links)),
            _ => throw new ArgumentOutOfRangeException(nameof(peer), peer.Role, "no connection actor for this role"),
        };
    }
}
