namespace P2C2R.Membership;

/// <summary>
/// Names every member of the P2C2R Akka cluster agrees on. Members of one cluster share one actor
/// system name, so an operator-owned helper joining the coordinators' cluster takes theirs; roles
/// keep coordinators' work (shards, the ledger singleton) off helper members; and a coordinator
/// node's gate for member helpers sits at one fixed path, so a helper finds it from the member's
/// address alone.
/// </summary>
public static class ClusterNames
{
    /// <summary>The actor system name of every member (the coordinators chose it first).</summary>
    public const string SystemName = "coordinator";

    public const string CoordinatorRole = "coordinator";

    /// <summary>An operator-owned helper that joined the cluster (<c>PeerNode --join-cluster</c>).</summary>
    public const string HelperRole = "helper";

    /// <summary>The name of the member-helper gate under <c>/user</c> on every coordinator node.</summary>
    public const string GateName = "member-helpers";
}
