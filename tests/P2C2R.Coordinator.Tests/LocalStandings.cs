using P2C2R.Coordinator.Helpers;

namespace P2C2R.Coordinator.Tests;

/// <summary>
/// Stands in for the shard region of helpers' standings in one actor system, without a cluster:
/// a <see cref="HelperStanding"/> child per helper key, started on its first message, on the
/// system's journal. Two systems on one journal are then two nodes reading the same standings.
/// </summary>
public sealed class LocalStandings : ReceiveActor
{
    public LocalStandings()
    {
        Receive<GetStanding>(get => Entity(get.Key).Forward(get));
        Receive<ReputationChanged>(changed => Entity(changed.Key).Forward(changed));
    }

    private static IActorRef Entity(string key)
    {
        var name = Uri.EscapeDataString(key);
        var child = Context.Child(name);
        return child.IsNobody() ? Context.ActorOf(HelperStandingShards.Props(key), name) : child;
    }
}
