using Akka.Actor;
using Akka.Event;

namespace P2C2R.Coordinator.Helpers;

/// <summary>
/// The registry's side of <see cref="HelperStanding"/>: a helper not connected to this node is
/// admitted only once its standing is read, and what changed is written back.
/// <list type="bullet">
/// <item>Reading: <see cref="GetStanding"/> is told (not asked) with the registry as sender, so it
/// follows this registry's earlier writes to the same entity in order and the answer includes them.
/// Joins of the same key while it is read wait for the one answer, so a helper is enrolled once.
/// Unanswered within <see cref="CoordinatorSettings.StandingReadTimeout"/> it is asked again, up to
/// <see cref="ReadAttempts"/> times; then the waiting connections are told <see cref="HelperRefused"/>
/// (they close, and the helper dials again, here or at another node). A helper whose standing is
/// unknown is never admitted as new: a quarantined helper would escape its quarantine.</item>
/// <item>Writing: changed standings every <see cref="JournalEvery"/>, a rejection at once, and a
/// helper's standing when its connection closes, so the next node it joins reads it. A crash
/// loses at most the valid results of the last few seconds, never a rejection; each write is a
/// journal transaction per helper, so the interval is not shorter.</item>
/// </list>
/// A helper that left and comes back is read again, since it may have been judged on another node meanwhile.
/// </summary>
public sealed partial class PeerRegistry
{
    private const int ReadAttempts = 3;
    private static readonly TimeSpan JournalEvery = TimeSpan.FromSeconds(5);
    private readonly IActorRef _standings;

    /// <summary>Keys whose standing is being read, with the joins and judgements waiting for it.</summary>
    private readonly Dictionary<string, Reading> _reading = new(StringComparer.Ordinal);

    private void Read(string key, HelperJoined joined)
    {
        if (_reading.TryGetValue(key, out var reading))
        {
            reading.Joins.Add(joined);
            return;
        }

        var known = _byKey.GetValueOrDefault(key);
        if (known is { Changed: true })
        {
            Write(known);
        }

        _reading[key] = new Reading(known?.Id ?? ++_lastId, [joined], []);
        AskStanding(key, attempt: 1);
    }

    private void AskStanding(string key, int attempt)
    {
        _standings.Tell(new GetStanding(key), Self);
        Timers.StartSingleTimer(("read", key), new ReadDue(key, attempt), _settings.StandingReadTimeout);
    }

    /// <summary>The helper's record takes the cluster's standing, then what was judged meanwhile, and its connections are admitted.</summary>
    private void OnStanding(Standing standing)
    {
        if (!_reading.Remove(standing.Key, out var reading))
        {
            return;
        }

        Timers.Cancel(("read", standing.Key));
        var record = _byKey.GetValueOrDefault(standing.Key) ?? Enroll(reading.Id, standing.Key);
        if (standing.Latest is { } latest)
        {
            record.Restore(latest);
        }

        foreach (var judgement in reading.Judgements)
        {
            Apply(record, judgement);
        }

        foreach (var joined in reading.Joins)
        {
            Admit(joined, record, answer: true);
        }

        Publish();
    }

    private void OnReadDue(ReadDue due)
    {
        if (!_reading.TryGetValue(due.Key, out var reading))
        {
            return;
        }

        if (due.Attempt < ReadAttempts)
        {
            AskStanding(due.Key, due.Attempt + 1);
            return;
        }

        _reading.Remove(due.Key);
        _log.Warning("Helper {0} refused: its standing was not read in {1} tries of {2}", due.Key, ReadAttempts, _settings.StandingReadTimeout);
        foreach (var joined in reading.Joins)
        {
            joined.Connection.Tell(new HelperRefused("the coordinator could not read this helper's standing; dial again"), Self);
        }

        if (_byKey.TryGetValue(due.Key, out var known))
        {
            foreach (var judgement in reading.Judgements)
            {
                Apply(known, judgement);
            }
        }
    }

    private void JournalReputations()
    {
        foreach (var record in _byId.Values)
        {
            if (record.Changed)
            {
                Write(record);
            }
        }
    }

    private void Write(HelperRecord record)
    {
        _standings.Tell(record.Journalled(), Self);
        record.Changed = false;
    }

    /// <summary>A helper seen here for the first time has its <paramref name="Id"/> from its first join on, so ids follow the order helpers came in.</summary>
    private sealed record Reading(long Id, List<HelperJoined> Joins, List<Judgement> Judgements);

    private sealed record ReadDue(string Key, int Attempt);

    private sealed record JournalDue
    {
        public static JournalDue Instance { get; } = new();
    }
}
