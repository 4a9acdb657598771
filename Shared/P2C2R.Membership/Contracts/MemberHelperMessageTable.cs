namespace P2C2R.Membership.Contracts;

/// <summary>
/// The manifest of every <see cref="IMemberHelperMessage"/>. Helpers and coordinators of two
/// versions may share a cluster during a rolling upgrade, so a manifest is never changed or
/// reused, and fields are only appended.
/// </summary>
public static class MemberHelperMessageTable
{
    public static IReadOnlyList<(string Manifest, Type Type)> All { get; } =
    [
        ("member.join-as-helper", typeof(JoinAsHelper)),
    ];
}
