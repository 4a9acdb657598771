using P2C2R.Coordinator.Balancing;

namespace P2C2R.Coordinator.Tests;

/// <summary>Which node, if any, a node sends one of its helpers to, given every node's load.</summary>
public sealed class BalancePlanTests
{
    private static NodeLoad Node(string name, int sessions, int helpers) => new(name, name + ":8765", sessions, helpers);

    [Fact]
    public void A_node_holding_every_helper_sends_one_to_a_node_with_sessions_and_none()
    {
        var a = Node("a", sessions: 0, helpers: 4);
        var b = Node("b", sessions: 2, helpers: 0);

        Assert.Equal(b, BalancePlan.TargetFor(a, [a, b]));
        Assert.Null(BalancePlan.TargetFor(b, [a, b]));
    }

    [Fact]
    public void Helpers_move_until_each_node_is_within_one_of_its_share_and_then_stay()
    {
        // Sessions 1 and 1, helpers 4 and 0: a sends until 2 and 2, and neither sends any back.
        var (a, b) = (Node("a", 1, 4), Node("b", 1, 0));
        var moves = 0;
        while (BalancePlan.TargetFor(a, [b]) is { } target)
        {
            Assert.Equal("b", target.Node);
            (a, b) = (a with { Helpers = a.Helpers - 1 }, b with { Helpers = b.Helpers + 1 });
            moves++;
        }

        Assert.Equal((2, 2, 2), (moves, a.Helpers, b.Helpers));
        Assert.Null(BalancePlan.TargetFor(b, [a]));
    }

    [Theory]
    [InlineData(3, 2, 2, 2)] // shares 2.5 and 2.5: a is half a helper over, within the hysteresis
    [InlineData(2, 1, 1, 1)] // shares 1.5 and 1.5
    [InlineData(4, 3, 1, 1)] // shares 3.75 and 1.25
    public void A_node_within_one_helper_of_its_share_keeps_its_helpers(int helpersA, int sessionsA, int helpersB, int sessionsB)
    {
        var a = Node("a", sessionsA, helpersA);
        var b = Node("b", sessionsB, helpersB);

        Assert.Null(BalancePlan.TargetFor(a, [b]));
        Assert.Null(BalancePlan.TargetFor(b, [a]));
    }

    [Fact]
    public void A_node_with_sessions_keeps_its_last_helper()
    {
        var a = Node("a", sessions: 1, helpers: 1);
        var b = Node("b", sessions: 5, helpers: 0);

        Assert.Null(BalancePlan.TargetFor(a, [b]));
    }

    [Fact]
    public void A_node_without_sessions_gives_even_its_last_helper()
    {
        var a = Node("a", sessions: 0, helpers: 1);
        var b = Node("b", sessions: 1, helpers: 0);

        Assert.Equal(b, BalancePlan.TargetFor(a, [b]));
    }

    [Fact]
    public void A_node_with_sessions_and_no_helper_gets_one_from_a_node_above_its_share()
    {
        // Shares 1.8 and 0.2: a is only 0.2 over, yet b has nothing at all.
        var a = Node("a", sessions: 9, helpers: 2);
        var b = Node("b", sessions: 1, helpers: 0);

        Assert.Equal(b, BalancePlan.TargetFor(a, [b]));
        Assert.Null(BalancePlan.TargetFor(a with { Helpers = 1 }, [b with { Helpers = 1 }]));
        Assert.Null(BalancePlan.TargetFor(b with { Helpers = 1 }, [a with { Helpers = 1 }]));
    }

    [Fact]
    public void Without_sessions_anywhere_nothing_moves()
    {
        Assert.Null(BalancePlan.TargetFor(Node("a", 0, 6), [Node("b", 0, 0)]));
    }

    [Fact]
    public void The_node_most_short_of_its_share_is_chosen()
    {
        var a = Node("a", sessions: 0, helpers: 9);
        var b = Node("b", sessions: 1, helpers: 2);
        var c = Node("c", sessions: 2, helpers: 2);

        // Shares: a 0, b 4.33, c 8.67: c is 6.67 short, b 2.33.
        Assert.Equal(c, BalancePlan.TargetFor(a, [b, c]));
    }

    [Fact]
    public void A_node_whose_edge_address_is_unknown_is_never_sent_a_helper()
    {
        var a = Node("a", sessions: 0, helpers: 4);
        var b = new NodeLoad("b", "", 2, 0);

        Assert.Null(BalancePlan.TargetFor(a, [b]));
    }

    [Fact]
    public void A_node_ignores_its_own_load_among_the_others()
    {
        var a = Node("a", sessions: 1, helpers: 4);

        Assert.Null(BalancePlan.TargetFor(a, [a with { Helpers = 0 }]));
    }
}
