using Akka.Actor;

namespace P2C2R.Hosting.Tests;

/// <summary>Answers every message with the node's configured greeting, so a test sees which configuration its actor system got.</summary>
public sealed class GreetingActor : ReceiveActor
{
    public GreetingActor()
    {
        var greeting = Context.System.Settings.Config.GetString("p2c2r.testnode.greeting");
        Receive<string>(name => Sender.Tell($"{greeting}, {name}"));
    }
}
