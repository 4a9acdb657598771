namespace P2C2R.Tasks.Ai;

/// <summary>
/// A* with a consistent heuristic (Dijkstra when the heuristic is zero) and lazy deletion: a cell
/// is settled the first time it pops, which with a consistent heuristic is at its optimal cost.
/// </summary>
internal static class PathSearch
{
    public static PathfindOutput Run(PathfindInput input, bool useHeuristic)
    {
        var grid = new PathGrid(input);
        var cheapest = useHeuristic ? Cheapest(input.Costs) : 0;
        var distance = new long[grid.Cells];
        Array.Fill(distance, long.MaxValue);
        var parent = new int[grid.Cells];
        var settled = new bool[grid.Cells];
        var open = new MinHeap(256);
        distance[input.Start] = 0;
        parent[input.Start] = -1;
        open.Push(grid.Heuristic(input.Start, input.Goal, cheapest), input.Start);
        Span<int> neighbours = stackalloc int[6];
        while (open.Count > 0)
        {
            var (_, cell) = open.Pop();
            if (settled[cell])
            {
                continue;
            }

            settled[cell] = true;
            if (cell == input.Goal)
            {
                return new PathfindOutput(true, distance[cell], Trace(parent, cell));
            }

            var count = grid.Neighbours(cell, neighbours);
            for (var k = 0; k < count; k++)
            {
                var next = neighbours[k];
                var step = grid.Cost(next);
                if (step == 0 || settled[next])
                {
                    continue;
                }

                var candidate = distance[cell] + step;
                if (candidate < distance[next])
                {
                    distance[next] = candidate;
                    parent[next] = cell;
                    open.Push(candidate + grid.Heuristic(next, input.Goal, cheapest), next);
                }
            }
        }

        return new PathfindOutput(false, 0, []);
    }

    /// <summary>Whether any path exists: a flood fill, cheaper than a search because costs do not matter.</summary>
    public static bool Reachable(PathfindInput input)
    {
        var grid = new PathGrid(input);
        var seen = new bool[grid.Cells];
        var stack = new Stack<int>();
        stack.Push(input.Start);
        seen[input.Start] = true;
        Span<int> neighbours = stackalloc int[6];
        while (stack.Count > 0)
        {
            var cell = stack.Pop();
            if (cell == input.Goal)
            {
                return true;
            }

            var count = grid.Neighbours(cell, neighbours);
            for (var k = 0; k < count; k++)
            {
                var next = neighbours[k];
                if (!seen[next] && grid.Cost(next) != 0)
                {
                    seen[next] = true;
                    stack.Push(next);
                }
            }
        }

        return false;
    }

    private static int Cheapest(ReadOnlySpan<byte> costs)
    {
        var cheapest = 255;
        foreach (var cost in costs)
        {
            if (cost != 0 && cost < cheapest)
            {
                cheapest = cost;
            }
        }

        return cheapest;
    }

    private static int[] Trace(int[] parent, int goal)
    {
        var length = 0;
        for (var cell = goal; cell >= 0; cell = parent[cell])
        {
            length++;
        }

        var path = new int[length];
        for (var cell = goal; cell >= 0; cell = parent[cell])
        {
            path[--length] = cell;
        }

        return path;
    }
}
