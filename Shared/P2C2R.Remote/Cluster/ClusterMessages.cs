namespace P2C2R.Remote.Cluster;

/// <summary>A system asks the leader to admit it (sent until it is welcomed).</summary>
public sealed record Join(Address Address, long Uid, IReadOnlyList<string> Roles);

/// <summary>
/// The leader's membership view. <see cref="LeaderUid"/> and <see cref="Version"/> order views:
/// a member applies a view from a new leader incarnation, or a newer one from the same leader.
/// </summary>
public sealed record Gossip(long LeaderUid, long Version, IReadOnlyList<Member> Members);

/// <summary>The answer to <see cref="Join"/>: the joiner is in, here is the cluster.</summary>
public sealed record Welcome(Gossip Gossip);

/// <summary>A member leaves on purpose (graceful shutdown).</summary>
public sealed record Leave(Address Address);
