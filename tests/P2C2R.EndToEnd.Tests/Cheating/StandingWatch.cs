using P2C2R.Coordinator.Helpers;

namespace P2C2R.EndToEnd.Tests.Cheating;

/// <summary>
/// Subscribes to the coordinator's helper directory (published at once when a helper is
/// quarantined) and keeps, per account, whether it was ever trusted, its longest valid run, and
/// when it was first seen quarantined, with what its sandbox had returned wrong by then
/// (<see cref="RecordingRunner.Wrong"/>): the number of wrong results it got in before it was stopped.
/// </summary>
public sealed class StandingWatch : ReceiveActor
{
    private readonly Dictionary<string, Standing> _standings = new(StringComparer.Ordinal);

    public StandingWatch(IActorRef registry, IReadOnlyDictionary<string, RecordingRunner> runners)
    {
        Receive<HelperDirectory>(directory =>
        {
            foreach (var view in directory.Helpers)
            {
                var standing = _standings.GetValueOrDefault(view.Account) ?? new Standing(view.Name, false, 0, null, 0);
                standing = standing with { EverTrusted = standing.EverTrusted || view.Trusted, LongestRun = Math.Max(standing.LongestRun, view.ValidRun) };
                if (view.Quarantined && standing.QuarantinedAt is null)
                {
                    standing = standing with
                    {
                        QuarantinedAt = DateTime.UtcNow,
                        WrongBeforeQuarantine = runners.TryGetValue(view.Account, out var runner) ? runner.Wrong.Count : 0,
                    };
                }

                _standings[view.Account] = standing;
            }
        });
        Receive<QueryStandings>(_ => Sender.Tell(new Dictionary<string, Standing>(_standings, StringComparer.Ordinal)));
        registry.Tell(SubscribeHelpers.Instance, Self);
    }

    public static Props Props(IActorRef registry, IReadOnlyDictionary<string, RecordingRunner> runners) =>
        Akka.Actor.Props.Create(() => new StandingWatch(registry, runners));

    public static async Task<IReadOnlyDictionary<string, Standing>> QueryAsync(IActorRef watch) =>
        await watch.Ask<Dictionary<string, Standing>>(QueryStandings.Instance, TimeSpan.FromSeconds(5));

    public sealed record QueryStandings
    {
        public static QueryStandings Instance { get; } = new();
    }
}

/// <summary>A helper's standing as watched over a run.</summary>
public sealed record Standing(string Name, bool EverTrusted, long LongestRun, DateTime? QuarantinedAt, int WrongBeforeQuarantine);
