namespace P2C2R.Remote.Cluster;

/// <summary>The life of a member, in the order it goes through them.</summary>
public enum MemberStatus
{
    Joining = 0,
    Up = 1,
    Leaving = 2,
    Exiting = 3,
    Down = 4,
    Removed = 5,
}

/// <summary>
/// One actor system in the cluster. The uid tells incarnations apart: a restarted helper is a
/// new member even at the same address. <see cref="Reachable"/> is the leader's failure
/// detector's view, apart from the status (Akka's Unreachable is a flag, not a status).
/// </summary>
public sealed record Member(Address Address, long Uid, MemberStatus Status, IReadOnlyList<string> Roles, bool Reachable = true)
{
    public bool HasRole(string role) => Roles.Contains(role);

    public bool Equals(Member? other) =>
        other is not null && Address == other.Address && Uid == other.Uid && Status == other.Status &&
        Reachable == other.Reachable && Roles.SequenceEqual(other.Roles);

    public override int GetHashCode() => HashCode.Combine(Address, Uid, Status, Reachable);

    public override string ToString() => $"{Address}#{Uid} {Status}{(Reachable ? "" : " unreachable")} [{string.Join(",", Roles)}]";
}
