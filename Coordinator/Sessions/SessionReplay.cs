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
    /// The keys of ticks 0, 1, 2, … in order, read through the SQL read journal: each
    /// <see cref="KeysFrom"/> cuts the run before it at its tick and plays its keys up to its
    /// lease (a session still playing yields its ticks leased so far; an ended or paused one,
    /// exactly the ticks it played). An event starting past the ticks before it, or before the
    /// event preceding it, is an error (<see cref="InvalidDataException"/>), and so is taking longer
    /// than <paramref name="timeout"/> (<see cref="TimeoutException"/>).
    /// </summary>
    public static async Task<int[]> ReadKeysAsync(ActorSystem system, string sessionId, TimeSpan timeout)
    {
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var keys = new List<int>();
        var from = 0L;
        await journal.CurrentEventsByPersistenceId(Session.PersistenceIdOf(sessionId), 0, long.MaxValue)
            .RunForeach(envelope =>
            {
                if (envelope.Event is not KeysFrom run)
                {
                    return;
                }

                if (run.Tick > keys.Count || run.Tick < from || run.Until < run.Tick)
                {
                    throw new InvalidDataException($"session {sessionId}: the journal plays ticks {run.Tick}..{run.Until} after {from}..{keys.Count}");
                }

                from = run.Tick;
                keys.RemoveRange((int)run.Tick, keys.Count - (int)run.Tick);
                keys.AddRange(Enumerable.Repeat(run.Keys, (int)(run.Until - run.Tick)));
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
