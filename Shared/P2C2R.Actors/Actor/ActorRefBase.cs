namespace P2C2R.Actors;

/// <summary>
/// What every ref of this runtime is underneath: it can also take system messages (lifecycle,
/// supervision, DeathWatch), which travel apart from user messages and ahead of them.
/// </summary>
public abstract class ActorRefBase : IActorRef
{
    private protected ActorRefBase(ActorSystem system, ActorPath path, long uid)
    {
        System = system;
        Path = path;
        Uid = uid;
    }

    public ActorPath Path { get; }

    /// <summary>Tells incarnations apart: an actor re-created under the same path has a new id.</summary>
    public long Uid { get; }

    public ActorSystem System { get; }

    /// <summary>True once the actor has stopped for good; messages to it go to dead letters.</summary>
    public virtual bool IsTerminated => false;

    public abstract void Tell(object message, IActorRef? sender);

    internal abstract void SendSystemMessage(SystemMessage message);

    public bool Equals(IActorRef? other) => other is ActorRefBase o && Uid == o.Uid && Path.Equals(o.Path);

    public override bool Equals(object? obj) => Equals(obj as IActorRef);

    public override int GetHashCode() => HashCode.Combine(Path, Uid);

    public override string ToString() => Uid == 0 ? $"Actor[{Path}]" : $"Actor[{Path}#{Uid}]";
}
