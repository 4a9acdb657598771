using P2C2R.Persistence;

namespace P2C2R.Coordinator.Sessions;

/// <summary>
/// Plays a session's journal again from its first tick, ignoring snapshots and helpers: the
/// uncrashed, helper-free run of the same inputs. A recovered session must end in exactly the
/// state this computes; it is also how a session is audited or replayed.
/// </summary>
public static class SessionReplay
{
    public static async Task<WorldState> ReplayAsync(IEventJournal journal, IEventSerializer serializer, string sessionId, CancellationToken cancellation = default)
    {
        var world = new DemoWorld();
        await foreach (var e in journal.ReplayAsync(Session.PersistenceIdOf(sessionId), 1, long.MaxValue, cancellation).ConfigureAwait(false))
        {
            if (serializer.Deserialize(e.TypeId, e.Payload) is not TickPlayed played)
            {
                continue;
            }

            if (played.Tick != world.Tick)
            {
                throw new InvalidDataException($"session {sessionId}: the journal plays tick {played.Tick} after tick {world.Tick - 1}");
            }

            world.Advance(played.Keys, DemoWorld.ComputePhysics, DemoWorld.ComputePath);
        }

        return world.State;
    }
}
