using P2C2R.GameSdk;
using P2C2R.Persistence;

namespace P2C2R.Coordinator.Sessions;

/// <summary>
/// A session's journal read back from its first tick, ignoring snapshots and helpers: the keys
/// of every tick, which with the session's options are the whole session. A recovered session
/// must end in exactly the state a replay computes; gamers replay it with <c>GamerClient replay</c>.
/// </summary>
public static class SessionReplay
{
    /// <summary>The keys of ticks 0, 1, 2, … in order; a gap or a repeat in the journal is an error.</summary>
    public static async Task<int[]> ReadKeysAsync(IEventJournal journal, IEventSerializer serializer, string sessionId, CancellationToken cancellation = default)
    {
        var keys = new List<int>();
        await foreach (var e in journal.ReplayAsync(Session.PersistenceIdOf(sessionId), 1, long.MaxValue, cancellation).ConfigureAwait(false))
        {
            if (serializer.Deserialize(e.TypeId, e.Payload) is not TickPlayed played)
            {
                continue;
            }

            if (played.Tick != keys.Count)
            {
                throw new InvalidDataException($"session {sessionId}: the journal plays tick {played.Tick} after tick {keys.Count - 1}");
            }

            keys.Add(played.Keys);
        }

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
