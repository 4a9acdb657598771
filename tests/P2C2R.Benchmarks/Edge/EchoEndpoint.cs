using Akka.Actor;
using P2C2R.Edge.Server;

namespace P2C2R.Benchmarks.Edge;

/// <summary>The edge benchmark's application: every connection gets an <see cref="EchoConnectionActor"/>.</summary>
public sealed class EchoEndpoint : IEdgeEndpoint
{
    public Props PropsFor(EdgePeer peer, IEdgeOutbound outbound) => Props.Create(() => new EchoConnectionActor(peer, outbound));
}
