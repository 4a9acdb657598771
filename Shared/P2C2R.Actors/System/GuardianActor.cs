namespace P2C2R.Actors;

/// <summary>The /user and /system guardians: they only supervise what is created under them.</summary>
internal sealed class GuardianActor(SupervisorStrategy strategy) : ActorBase
{
    protected internal override bool Receive(object message) => false;

    protected override SupervisorStrategy SupervisorStrategy() => strategy;
}
