using P2C2R.Coordinator.Sessions;

namespace P2C2R.Coordinator.Tests;

/// <summary>The demo world is a pure function of its keys, which is what makes recovery and replay exact.</summary>
public sealed class WorldTests
{
    private static readonly int[] Keys = [.. Enumerable.Range(0, 120).Select(i => new[] { 1, 9, 0, 2, 4, 1 }[i / 7 % 6])];

    [Fact]
    public void Two_worlds_fed_the_same_keys_are_identical_and_different_keys_differ()
    {
        var one = Play(new DemoWorld(), Keys);
        var two = Play(new DemoWorld(), Keys);
        var other = Play(new DemoWorld(), [.. Keys.Select(k => k ^ 8)]);

        Assert.Equal(one.State.Digest(), two.State.Digest());
        Assert.NotEqual(one.State.Digest(), other.State.Digest());
        Assert.NotEqual(new DemoWorld().State.Bodies, one.Bodies);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(40)]
    public void A_world_restored_from_its_state_at_any_tick_continues_identically(int at)
    {
        var played = Play(new DemoWorld(), Keys);
        var first = Play(new DemoWorld(), Keys[..at]);

        var restored = Play(new DemoWorld(first.State), Keys[at..]);

        Assert.Equal(played.State.Digest(), restored.State.Digest());
    }

    private static DemoWorld Play(DemoWorld world, int[] keys)
    {
        foreach (var key in keys)
        {
            world.Advance(key, DemoWorld.ComputePhysics, DemoWorld.ComputePath);
        }

        return world;
    }
}
