namespace P2C2R.Actors.Tests;

/// <summary>Small actors shared by several test classes.</summary>
internal sealed class EchoActor : ReceiveActor
{
    public EchoActor() => ReceiveAny(message => Sender.Tell(message, Self));
}

/// <summary>Counts what it receives, throws on "fail", and reports its lifecycle to a probe.</summary>
internal sealed class CountingActor : ReceiveActor
{
    private readonly IActorRef _reportTo;
    private int _count;

    public CountingActor(IActorRef reportTo)
    {
        _reportTo = reportTo;
        Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("boom"));
        Receive<string>(s => s == "count", _ => Sender.Tell(_count, Self));
        Receive<string>(_ => _count++);
        Receive<Exception>(e => throw e);
    }

    protected override void PreStart() => _reportTo.Tell($"prestart {Self.Path.Name}", Self);

    protected override void PostStop() => _reportTo.Tell($"poststop {Self.Path.Name}", Self);

    protected override void PreRestart(Exception reason, object? message)
    {
        _reportTo.Tell($"prerestart {Self.Path.Name} {message}", Self);
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        _reportTo.Tell($"postrestart {Self.Path.Name}", Self);
        base.PostRestart(reason);
    }
}

/// <summary>Creates children on request under a strategy the test chooses.</summary>
internal sealed class Supervisor : ReceiveActor
{
    private readonly SupervisorStrategy _strategy;

    public Supervisor(SupervisorStrategy strategy)
    {
        _strategy = strategy;
        Receive<Props>(props => Sender.Tell(Context.ActorOf(props), Self));
        Receive<(Props Props, string Name)>(request => Sender.Tell(Context.ActorOf(request.Props, request.Name), Self));
    }

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;
}
