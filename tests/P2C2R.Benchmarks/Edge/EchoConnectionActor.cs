using P2C2R.Edge.Server;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Benchmarks.Edge;

/// <summary>
/// The trivial coordinator-side connection actor: answers <see cref="EchoProtocol"/> and does
/// nothing else, so what the edge benchmark measures is the edge itself (socket, framing, link,
/// the hop into the actor and back out).
/// </summary>
public sealed class EchoConnectionActor : EdgeConnectionActor
{
    public EchoConnectionActor(EdgePeer peer, IEdgeOutbound outbound)
        : base(peer, outbound)
    {
        Receive<HelperLoad>(load =>
        {
            if (EchoProtocol.Answers(load))
            {
                Send(EchoProtocol.Reply(load));
            }
        });
    }
}
