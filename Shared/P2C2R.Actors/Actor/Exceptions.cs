namespace P2C2R.Actors;

/// <summary>An actor's constructor, PreStart or PostRestart threw; the default strategy stops it.</summary>
public sealed class ActorInitializationException(IActorRef? actor, string message, Exception? inner = null)
    : Exception(actor is null ? message : $"{actor.Path}: {message}", inner)
{
    public IActorRef? Actor { get; } = actor;
}

/// <summary>Raised inside an actor that received <see cref="Kill"/>.</summary>
public sealed class ActorKilledException(string message) : Exception(message);

/// <summary>An actor did not handle the <see cref="Terminated"/> of an actor it watched.</summary>
public sealed class DeathPactException(IActorRef dead) : Exception($"unhandled Terminated for {dead.Path}")
{
    public IActorRef Dead { get; } = dead;
}

/// <summary>An Ask got no answer in time, or its recipient was already gone.</summary>
public sealed class AskTimeoutException(string message) : TimeoutException(message);

public sealed class InvalidActorNameException(string message) : ArgumentException(message);

public sealed class StashOverflowException(string message) : Exception(message);
