using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using P2C2R.GameSdk;

namespace P2C2R.Coordinator.Sessions;

/// <summary>
/// A session's journal read back from its first tick, ignoring snapshots and helpers: the keys
/// of every tick, which with the session's options are the whole session. A recovered session
/// must end in exactly the state a replay computes; gamers replay it with <c>GamerClient replay</c>.
/// </summary>
public static class SessionReplay
{
    /// <summary>
    /// The keys of ticks 0, 1, 2, … in order, read through the SQL read journal (the events
    /// journalled so far: a session still playing yields its ticks up to now); a gap or a repeat
    /// in the journal is an error (<see cref="InvalidDataException"/>), and so is taking longer than
    /// <paramref name="timeout"/> (<see cref="TimeoutException"/>).
    /// </summary>
    public static async Task<int[]> ReadKeysAsync(ActorSystem system, string sessionId, TimeSpan timeout)
    {
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var keys = new List<int>();
        await journal.CurrentEventsByPersistenceId(Session.PersistenceIdOf(sessionId), 0, long.MaxValue)
            .RunForeach(envelope =>
            {
                if (envelope.Event is not TickPlayed played)
                {
                    return;
                }

                if (played.Tick != keys.Count)
                {
                    throw new InvalidDataException($"session {sessionId}: the journal plays tick {played.Tick} after tick {keys.Count - 1}");
                }

                keys.Add(played.Keys);
            }, system)
            .WaitAsync(timeout)
            .ConfigureAwait(false);
        return [.. keys];
    }

    /// <summary>The world after playing <paramref name="keys"/> from the start, every task computed here.</summary>
    public static IGameWorld Play(IGame game, GameOptions options, IEnumerable<int> keys)
    {
        var world = game.Create(options);
        foreach (var key in keys)
        {
            world.Advance(key, LocalResults.Instance);
        }

        return world;
    }
}
