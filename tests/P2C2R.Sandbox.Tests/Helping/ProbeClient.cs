using Akka.Actor;

namespace P2C2R.Sandbox.Tests.Helping;

/// <summary>
/// Stands in for the helper's edge client: what the helper sends "on the wire" goes to a probe,
/// and the probe learns when the helper stops its client (which on a real connection sends
/// Goodbye 0 after what was queued).
/// </summary>
internal sealed class ProbeClient : ReceiveActor
{
    private readonly IActorRef _probe;

    public ProbeClient(IActorRef probe)
    {
        _probe = probe;
        ReceiveAny(message => probe.Forward(message));
    }

    public static Props Props(IActorRef probe) => Akka.Actor.Props.Create(() => new ProbeClient(probe));

    protected override void PostStop() => _probe.Tell(ClientStopped.Instance);
}

/// <summary>Told to the probe when the helper stopped its edge client.</summary>
internal sealed class ClientStopped
{
    public static ClientStopped Instance { get; } = new();
}
