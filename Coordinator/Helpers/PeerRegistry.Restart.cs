using Akka.Actor;

namespace P2C2R.Coordinator.Helpers;

/// <summary>
/// A registry that failed is restarted without its state: the failed instance writes the changed
/// standings and hands its records (ids, standings, live connections) and subscribers to the new
/// one in one <see cref="CarriedOver"/> message; until that arrives the new instance stashes
/// everything, so no judgement meets an id it does not know yet and no id is given twice. Helpers
/// connected before stay in the directory with their ids, without a second
/// <see cref="Protocol.Contracts.HelperAccepted"/>; joins waiting for a standing are read again.
/// </summary>
public sealed partial class PeerRegistry
{
    protected override void PreRestart(Exception reason, object message)
    {
        JournalReputations();
        Self.Tell(new CarriedOver(
            [.. _byKey.Values.Select(r => new CarriedHelper(r.Id, r.Journalled(), r.Ref is null ? null : new HelperJoined(r.Ref, r.Account, r.Address, r.Capabilities!)))],
            _lastId,
            [.. _subscribers]), ActorRefs.NoSender);
        foreach (var reading in _reading.Values)
        {
            reading.Joins.ForEach(joined => Self.Tell(joined, joined.Connection));
            reading.Judgements.ForEach(judgement => Self.Tell(judgement, ActorRefs.NoSender));
        }

        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        base.PostRestart(reason);
        Become(CarryingOver);
    }

    private void CarryingOver()
    {
        Receive<CarriedOver>(carried =>
        {
            foreach (var helper in carried.Helpers)
            {
                var record = Enroll(helper.Id, helper.Standing.Key);
                record.Restore(helper.Standing);
                if (helper.Connection is { } connection)
                {
                    Admit(connection, record, answer: false);
                }
            }

            _lastId = carried.LastId;
            foreach (var subscriber in carried.Subscribers)
            {
                Subscribe(subscriber);
            }

            Stash.UnstashAll();
            Become(Ready);
        });
        ReceiveAny(_ => Stash.Stash());
    }

    private sealed record CarriedOver(IReadOnlyList<CarriedHelper> Helpers, long LastId, IReadOnlyList<IActorRef> Subscribers);

    private sealed record CarriedHelper(long Id, ReputationChanged Standing, HelperJoined? Connection);
}
