using Akka.Actor;
using P2C2R.Edge.Server;
using P2C2R.Protocol.Contracts;

namespace P2C2R.Edge.Tests.Support;

/// <summary>An application endpoint for tests: every connection's actor reports to one probe.</summary>
internal sealed class ProbeEndpoint(IActorRef probe) : IEdgeEndpoint
{
    public Props PropsFor(EdgePeer peer, IEdgeOutbound outbound) =>
        Props.Create(() => new ProbeConnectionActor(peer, outbound, probe));
}

/// <summary>The connection actor opened for <see cref="Peer"/>; <see cref="Actor"/> takes <see cref="SendCommand"/> and <see cref="CloseCommand"/>.</summary>
internal sealed record Opened(EdgePeer Peer, IActorRef Actor);

internal sealed record Inbound(EdgePeer Peer, IEdgeMessage Message, IActorRef Sender);

internal sealed record ConnectionActorStopped(EdgePeer Peer);

/// <summary>Ask the connection actor to send; it answers with the bool <c>Send</c> returned.</summary>
internal sealed record SendCommand(IEdgeMessage Message);

internal sealed record CloseCommand(EdgeCloseCode Code, string Reason);

internal sealed record RoundTripQuery;

internal sealed class ProbeConnectionActor : EdgeConnectionActor
{
    private readonly IActorRef probe;

    public ProbeConnectionActor(EdgePeer peer, IEdgeOutbound outbound, IActorRef probe)
        : base(peer, outbound)
    {
        this.probe = probe;
        Receive<IEdgeMessage>(m => probe.Tell(new Inbound(Peer, m, Sender)));
        Receive<SendCommand>(c => Sender.Tell(Send(c.Message)));
        Receive<CloseCommand>(c => Close(c.Code, c.Reason));
        Receive<RoundTripQuery>(_ => Sender.Tell(RoundTrip ?? TimeSpan.MinValue));
        Receive<string>(s => s == "stop", _ => Context.Stop(Self));
    }

    protected override void PreStart() => probe.Tell(new Opened(Peer, Self));

    protected override void PostStop()
    {
        probe.Tell(new ConnectionActorStopped(Peer));
        base.PostStop();
    }
}
