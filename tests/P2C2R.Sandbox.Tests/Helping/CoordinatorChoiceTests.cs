using Akka.Actor;
using P2C2R.PeerNode.Membership;

namespace P2C2R.Sandbox.Tests.Helping;

/// <summary>A member helper picks a coordinator node from its own address, the same way every time, and moves on by turns.</summary>
public sealed class CoordinatorChoiceTests
{
    private static readonly Address[] Coordinators =
    [
        new("akka.tcp", "coordinator", "10.0.0.3", 4053),
        new("akka.tcp", "coordinator", "10.0.0.1", 4053),
        new("akka.tcp", "coordinator", "10.0.0.2", 4053),
    ];

    [Fact]
    public void Each_turn_moves_to_the_next_coordinator_and_every_coordinator_comes_round()
    {
        var self = new Address("akka.tcp", "coordinator", "10.0.1.7", 4054);

        var picks = Enumerable.Range(0, 3).Select(turn => CoordinatorChoice.Pick(Coordinators, self, turn)).ToList();

        Assert.Equal(Coordinators.ToHashSet(), picks.Select(p => Assert.IsType<Address>(p)).ToHashSet());
        Assert.Equal(picks[0], CoordinatorChoice.Pick(Enumerable.Reverse(Coordinators), self, 3));
    }

    [Fact]
    public void Helpers_on_different_addresses_start_on_different_coordinators_and_none_is_picked_from_nothing()
    {
        var starts = Enumerable.Range(1, 30)
            .Select(host => CoordinatorChoice.Pick(Coordinators, new Address("akka.tcp", "coordinator", $"10.0.1.{host}", 4054), 0))
            .ToHashSet();

        Assert.Equal(Coordinators.Length, starts.Count);
        Assert.Null(CoordinatorChoice.Pick([], new Address("akka.tcp", "coordinator", "10.0.1.1", 4054), 0));
    }

    [Fact]
    public void A_moved_helper_goes_to_the_one_coordinator_on_the_host_it_was_told_and_by_turns_when_that_is_not_one()
    {
        var self = new Address("akka.tcp", "coordinator", "10.0.1.7", 4054);
        var twoOnOneHost = Coordinators.Append(new Address("akka.tcp", "coordinator", "10.0.0.2", 4055)).ToArray();

        Assert.Equal(Coordinators[2], CoordinatorChoice.Pick(Coordinators, self, 0, movedToHost: "10.0.0.2"));
        Assert.Equal(Coordinators[2], CoordinatorChoice.Pick(Coordinators, self, 1, movedToHost: "10.0.0.2"));
        Assert.Equal(CoordinatorChoice.Pick(twoOnOneHost, self, 1), CoordinatorChoice.Pick(twoOnOneHost, self, 1, movedToHost: "10.0.0.2"));
        Assert.Equal(CoordinatorChoice.Pick(Coordinators, self, 1), CoordinatorChoice.Pick(Coordinators, self, 1, movedToHost: "10.9.9.9"));
    }
}
