using P2C2R.Actors;

namespace P2C2R.TestKit;

/// <summary>An extra test actor, for tests with several parties (each probe has its own queue).</summary>
public sealed class TestProbe : TestKitBase
{
    internal TestProbe(ActorSystem system, TestKitSettings settings, string name)
        : base(system, settings, name)
    {
    }

    /// <summary>The probe's actor ref, to pass as a sender, target or watcher.</summary>
    public IActorRef Ref => TestActor;
}
