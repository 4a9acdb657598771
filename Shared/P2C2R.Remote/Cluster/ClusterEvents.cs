namespace P2C2R.Remote.Cluster;

/// <summary>Membership changes, published on the event stream of every member's system.</summary>
public abstract record ClusterEvent(Member Member);

public sealed record MemberJoined(Member Member) : ClusterEvent(Member);

public sealed record MemberUp(Member Member) : ClusterEvent(Member);

public sealed record MemberLeft(Member Member) : ClusterEvent(Member);

public sealed record MemberExited(Member Member) : ClusterEvent(Member);

public sealed record MemberDowned(Member Member) : ClusterEvent(Member);

public sealed record MemberRemoved(Member Member, MemberStatus PreviousStatus) : ClusterEvent(Member);

public sealed record UnreachableMember(Member Member) : ClusterEvent(Member);

public sealed record ReachableMember(Member Member) : ClusterEvent(Member);

/// <summary>Sent to a new subscriber first: every member as this system sees them now.</summary>
public sealed record CurrentClusterState(IReadOnlyList<Member> Members);
