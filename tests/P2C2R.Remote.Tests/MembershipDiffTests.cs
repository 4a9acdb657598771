using P2C2R.Remote.Cluster;

namespace P2C2R.Remote.Tests;

public class MembershipDiffTests
{
    private static readonly Address A = Address.Parse("p2c2r.tcp://a@h:1");

    private static Member M(MemberStatus status, long uid = 1, bool reachable = true) => new(A, uid, status, ["peer"], reachable);

    [Fact]
    public void A_new_member_that_is_already_up_yields_joined_then_up()
    {
        var events = MembershipDiff.Between([], [M(MemberStatus.Up)]).ToList();

        Assert.Collection(events, e => Assert.IsType<MemberJoined>(e), e => Assert.IsType<MemberUp>(e));
    }

    [Fact]
    public void Skipped_views_still_yield_every_step_in_order()
    {
        var events = MembershipDiff.Between([M(MemberStatus.Up)], [M(MemberStatus.Exiting)]).ToList();

        Assert.Collection(events, e => Assert.IsType<MemberLeft>(e), e => Assert.IsType<MemberExited>(e));
    }

    [Fact]
    public void Reachability_and_removal_are_reported()
    {
        Assert.IsType<UnreachableMember>(Assert.Single(MembershipDiff.Between([M(MemberStatus.Up)], [M(MemberStatus.Up, reachable: false)])));
        var removed = Assert.IsType<MemberRemoved>(Assert.Single(MembershipDiff.Between([M(MemberStatus.Down)], [])));
        Assert.Equal(MemberStatus.Down, removed.PreviousStatus);
    }

    [Fact]
    public void A_new_incarnation_is_a_different_member()
    {
        var events = MembershipDiff.Between([M(MemberStatus.Up, uid: 1)], [M(MemberStatus.Up, uid: 2)]).ToList();

        Assert.Contains(events, e => e is MemberUp { Member.Uid: 2 });
        Assert.Contains(events, e => e is MemberRemoved { Member.Uid: 1 });
    }
}
