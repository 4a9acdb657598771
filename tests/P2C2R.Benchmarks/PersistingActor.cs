using P2C2R.Actors;
using P2C2R.Coordinator.Sessions;
using P2C2R.Persistence;

namespace P2C2R.Benchmarks;

/// <summary>Persists <c>count</c> events one command at a time (each waits for the last to be durable), then reports to <c>done</c>.</summary>
public sealed class PersistingActor(string id, int count, IActorRef done) : PersistentActor
{
    private long _persisted;

    public override string PersistenceId => id;

    protected override void OnRecover(object message)
    {
    }

    protected override void OnRecoveryCompleted() => Self.Tell(new Next());

    protected override bool OnCommand(object message)
    {
        if (message is not Next)
        {
            return false;
        }

        Persist(new TickPlayed(_persisted, 1, _persisted), _ =>
        {
            if (++_persisted == count)
            {
                done.Tell(id);
            }
            else
            {
                Self.Tell(new Next());
            }
        });
        return true;
    }

    private sealed record Next;
}
