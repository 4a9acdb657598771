using P2C2R.Tasks.Ai;
using P2C2R.Tasks.Numerics;

namespace P2C2R.Tasks.Tests;

public sealed class PathfindTests
{
    [Fact]
    public void AStar_cost_equals_Dijkstra_cost_on_random_2D_and_3D_grids()
    {
        var random = new SplitMix64(99);
        var found = 0;
        for (var trial = 0; trial < 60; trial++)
        {
            var three = trial % 3 == 0;
            var sx = 5 + random.NextInt(30);
            var sy = 5 + random.NextInt(30);
            var sz = three ? 2 + random.NextInt(8) : 1;
            var costs = new byte[sx * sy * sz];
            for (var i = 0; i < costs.Length; i++)
            {
                costs[i] = random.NextInt(10) < 3 ? (byte)0 : (byte)(1 + random.NextInt(20));
            }

            var start = random.NextInt(costs.Length);
            var goal = random.NextInt(costs.Length);
            costs[start] = 1;
            costs[goal] = 1;
            var astar = TaskExecutors.Pathfind.Run(new PathfindInput(sx, sy, sz, costs, start, goal, PathAlgorithm.AStar));
            var dijkstra = TaskExecutors.Pathfind.Run(new PathfindInput(sx, sy, sz, costs, start, goal, PathAlgorithm.Dijkstra));

            Assert.Equal(dijkstra.Found, astar.Found);
            Assert.Equal(dijkstra.Cost, astar.Cost);
            var input = new PathfindInput(sx, sy, sz, costs, start, goal, PathAlgorithm.AStar);
            Assert.True(TaskExecutors.Pathfind.Verify(input, astar, VerificationOptions.Full).Valid);
            Assert.True(TaskExecutors.Pathfind.Verify(input, dijkstra, VerificationOptions.Full).Valid);
            found += astar.Found ? 1 : 0;
        }

        Assert.InRange(found, 10, 59);
    }

    [Fact]
    public void A_plausible_but_longer_path_with_its_true_cost_is_rejected()
    {
        var costs = Enumerable.Repeat((byte)1, 5 * 5).ToArray();
        var input = new PathfindInput(5, 5, 1, costs, 0, 4, PathAlgorithm.AStar);
        int[] detour = [0, 5, 6, 1, 2, 3, 4];

        var verdict = TaskExecutors.Pathfind.Verify(input, new PathfindOutput(true, 6, detour), VerificationOptions.Full);

        Assert.False(verdict.Valid);
        Assert.Contains("optimum is 4", verdict.Reason);
    }

    [Fact]
    public void Paths_through_walls_with_jumps_or_a_wrong_cost_are_rejected()
    {
        var costs = Enumerable.Repeat((byte)1, 5 * 5).ToArray();
        costs[2] = 0;
        var input = new PathfindInput(5, 5, 1, costs, 0, 4, PathAlgorithm.AStar);
        var honest = TaskExecutors.Pathfind.Run(input);
        Assert.True(TaskExecutors.Pathfind.Verify(input, honest, VerificationOptions.Full).Valid);

        Assert.Contains("wall", TaskExecutors.Pathfind.Verify(input, new PathfindOutput(true, 4, [0, 1, 2, 3, 4]), VerificationOptions.Full).Reason);
        Assert.Contains("jumps", TaskExecutors.Pathfind.Verify(input, new PathfindOutput(true, 2, [0, 6, 4]), VerificationOptions.Full).Reason);
        Assert.Contains("not the claimed", TaskExecutors.Pathfind.Verify(input, honest with { Cost = honest.Cost - 1 }, VerificationOptions.Full).Reason);
        Assert.False(TaskExecutors.Pathfind.Verify(input, new PathfindOutput(false, 0, []), VerificationOptions.Full).Valid);
    }

    [Fact]
    public void No_path_is_reported_and_verified_when_the_goal_is_walled_in()
    {
        var costs = Enumerable.Repeat((byte)1, 5 * 5).ToArray();
        foreach (var wall in new[] { 3, 8, 9 })
        {
            costs[wall] = 0;
        }

        var input = new PathfindInput(5, 5, 1, costs, 0, 4, PathAlgorithm.AStar);
        var result = TaskExecutors.Pathfind.Run(input);

        Assert.False(result.Found);
        Assert.True(TaskExecutors.Pathfind.Verify(input, result, VerificationOptions.Full).Valid);
    }
}
