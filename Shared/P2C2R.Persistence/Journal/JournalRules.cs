namespace P2C2R.Persistence;

/// <summary>The checks and encodings every journal implementation shares, so the stores cannot drift apart.</summary>
public static class JournalRules
{
    /// <summary>
    /// Refuses a write that does not continue its id's sequence from <paramref name="highest"/>
    /// one by one, or that mixes ids or carries tags the stores cannot keep.
    /// </summary>
    public static void CheckContinues(AtomicWrite write, long highest)
    {
        if (write.Events.Count == 0)
        {
            throw new ArgumentException($"an atomic write for {write.PersistenceId} has no events");
        }

        var expected = highest + 1;
        foreach (var e in write.Events)
        {
            if (e.PersistenceId != write.PersistenceId)
            {
                throw new ArgumentException($"event of {e.PersistenceId} in an atomic write for {write.PersistenceId}");
            }

            if (e.Tags.Any(tag => tag.Length == 0 || tag.Contains('\n')))
            {
                throw new ArgumentException($"event {e.SequenceNr} of {e.PersistenceId} has an empty tag or one with a line break");
            }

            if (e.SequenceNr != expected)
            {
                throw new JournalConflictException(
                    $"{write.PersistenceId}: event numbered {e.SequenceNr} where {expected} was expected (highest stored is {highest}); another writer, or a gap");
            }

            expected++;
        }
    }

    public static long ToMicros(DateTime timestamp) => (timestamp.ToUniversalTime() - DateTime.UnixEpoch).Ticks / 10;

    public static DateTime FromMicros(long micros) => DateTime.UnixEpoch.AddTicks(micros * 10);
}
