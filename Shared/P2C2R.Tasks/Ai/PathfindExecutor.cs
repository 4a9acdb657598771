namespace P2C2R.Tasks.Ai;

/// <summary>
/// <c>ai.pathfind</c>: how a mob reaches the player.
/// <para>
/// The verifier catches for sure: a path that does not run from start to goal, a step that is not
/// to a face neighbour or that enters a wall, a claimed cost that is not the sum of the path's
/// steps, and a "no path" claim when the goal is reachable
/// (a flood fill, cheaper than the search because costs do not matter). Optimality is checked on a
/// sample of stretches of <see cref="PathShortcut.Stretch"/> steps: no cheaper route between a
/// stretch's ends may exist inside its box (<see cref="PathShortcut"/>). It can miss a valid but
/// longer path whose detour is not local (around the wrong side of a large obstacle) or lies
/// outside the sampled stretches. At fraction 1 it runs the full search and requires the optimum.
/// </para>
/// </summary>
public sealed class PathfindExecutor : TaskExecutor<PathfindInput, PathfindOutput>
{
    public const int MaxCells = 1 << 20;

    public override TaskType Type { get; } = new("ai.pathfind", 1, MaxCells + 64, MaxCells * 4 + 32);

    public override long Cost(PathfindInput input) => 1 + (long)input.Costs.Length * (input.Algorithm == PathAlgorithm.AStar ? 1 : 2) * 20 / 1000;

    protected override void Validate(PathfindInput input)
    {
        TaskInputException.InRange(input.SizeX, 1, 4096, "sizeX");
        TaskInputException.InRange(input.SizeY, 1, 4096, "sizeY");
        TaskInputException.InRange(input.SizeZ, 1, 4096, "sizeZ");
        var cells = (long)input.SizeX * input.SizeY * input.SizeZ;
        TaskInputException.Require(cells <= MaxCells, $"the grid has {cells} cells; at most {MaxCells}");
        TaskInputException.Require(input.Costs.Length == cells, $"costs has {input.Costs.Length} bytes; sizeX·sizeY·sizeZ is {cells}");
        TaskInputException.InRange(input.Start, 0, (int)cells - 1, "start");
        TaskInputException.InRange(input.Goal, 0, (int)cells - 1, "goal");
        TaskInputException.Require(input.Costs[input.Start] != 0, $"start cell {input.Start} is a wall");
        TaskInputException.Require(input.Costs[input.Goal] != 0, $"goal cell {input.Goal} is a wall");
        TaskInputException.Require(Enum.IsDefined(input.Algorithm), $"algorithm is {(int)input.Algorithm}; it must be 0 (A*) or 1 (Dijkstra)");
    }

    protected override PathfindOutput Compute(PathfindInput input) => PathSearch.Run(input, input.Algorithm == PathAlgorithm.AStar);

    public override Verdict Verify(PathfindInput input, PathfindOutput claimed, VerificationOptions options)
    {
        if (!claimed.Found)
        {
            if (claimed.Cost != 0 || claimed.Path.Length != 0)
            {
                return Verdict.Reject("a \"no path\" result must have cost 0 and an empty path");
            }

            return PathSearch.Reachable(input) ? Verdict.Reject("claims no path, but the goal is reachable") : Verdict.Accept;
        }

        var path = claimed.Path;
        if (path.Length == 0 || path[0] != input.Start || path[^1] != input.Goal)
        {
            return Verdict.Reject("the path does not run from start to goal");
        }

        var grid = new PathGrid(input);
        long cost = 0;
        for (var i = 1; i < path.Length; i++)
        {
            var cell = path[i];
            if ((uint)cell >= (uint)grid.Cells || !grid.AreNeighbours(path[i - 1], cell))
            {
                return Verdict.Reject($"step {i} jumps from cell {path[i - 1]} to cell {cell}");
            }

            if (grid.Cost(cell) == 0)
            {
                return Verdict.Reject($"step {i} enters wall cell {cell}");
            }

            cost += grid.Cost(cell);
        }

        if (cost != claimed.Cost)
        {
            return Verdict.Reject($"the path costs {cost}, not the claimed {claimed.Cost}");
        }

        if (options.IsFull)
        {
            var optimal = PathSearch.Run(input, useHeuristic: true).Cost;
            return cost == optimal ? Verdict.Accept : Verdict.Reject($"the path costs {cost}; the optimum is {optimal}");
        }

        var stretches = (path.Length - 1 + PathShortcut.Stretch - 1) / PathShortcut.Stretch;
        foreach (var stretch in Sample.Indices(stretches, options))
        {
            var first = stretch * PathShortcut.Stretch;
            var last = Math.Min(path.Length - 1, first + PathShortcut.Stretch);
            long claimedStretch = 0;
            for (var i = first + 1; i <= last; i++)
            {
                claimedStretch += grid.Cost(path[i]);
            }

            var cheapest = PathShortcut.Cheapest(input, path, first, last);
            if (cheapest < claimedStretch)
            {
                return Verdict.Reject($"steps {first}..{last} cost {claimedStretch}; a route between their ends costs {cheapest}");
            }
        }

        return Verdict.Accept;
    }
}
