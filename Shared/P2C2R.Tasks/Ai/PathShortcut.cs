namespace P2C2R.Tasks.Ai;

/// <summary>
/// A bounded optimality check for a claimed path: every stretch of an optimal path is itself a
/// cheapest route between its ends, so a cheaper route between two of its cells proves the path
/// is not optimal. The search is Dijkstra confined to the stretch's bounding box widened by a
/// margin, so its cost is bounded by the box, not by the grid; a route found inside the box is a
/// real route, so an optimal path is never rejected.
/// </summary>
internal static class PathShortcut
{
    public const int Stretch = 8;
    private const int Margin = 2;

    /// <summary>The cheapest cost from path[first] to path[last] within the stretch's widened box.</summary>
    public static long Cheapest(PathfindInput input, ReadOnlySpan<int> path, int first, int last)
    {
        var (sx, sy, sz) = (input.SizeX, input.SizeY, input.SizeZ);
        int x0 = int.MaxValue, y0 = int.MaxValue, z0 = int.MaxValue, x1 = int.MinValue, y1 = int.MinValue, z1 = int.MinValue;
        for (var i = first; i <= last; i++)
        {
            var (x, y, z) = (path[i] % sx, path[i] / sx % sy, path[i] / (sx * sy));
            (x0, y0, z0) = (Math.Min(x0, x), Math.Min(y0, y), Math.Min(z0, z));
            (x1, y1, z1) = (Math.Max(x1, x), Math.Max(y1, y), Math.Max(z1, z));
        }

        (x0, y0, z0) = (Math.Max(0, x0 - Margin), Math.Max(0, y0 - Margin), Math.Max(0, z0 - Margin));
        (x1, y1, z1) = (Math.Min(sx - 1, x1 + Margin), Math.Min(sy - 1, y1 + Margin), Math.Min(sz - 1, z1 + Margin));
        var (bx, by, bz) = (x1 - x0 + 1, y1 - y0 + 1, z1 - z0 + 1);
        var distance = new long[bx * by * bz];
        Array.Fill(distance, long.MaxValue);
        var grid = new PathGrid(input);
        var open = new MinHeap(64);
        var start = path[first];
        var goal = path[last];
        distance[Local(start)] = 0;
        open.Push(0, start);
        Span<int> neighbours = stackalloc int[6];
        while (open.Count > 0)
        {
            var (cost, cell) = open.Pop();
            if (cell == goal)
            {
                return cost;
            }

            if (cost > distance[Local(cell)])
            {
                continue;
            }

            var count = grid.Neighbours(cell, neighbours);
            for (var k = 0; k < count; k++)
            {
                var next = neighbours[k];
                var (x, y, z) = (next % sx, next / sx % sy, next / (sx * sy));
                if (x < x0 || x > x1 || y < y0 || y > y1 || z < z0 || z > z1 || grid.Cost(next) == 0)
                {
                    continue;
                }

                var candidate = cost + grid.Cost(next);
                if (candidate < distance[Local(next)])
                {
                    distance[Local(next)] = candidate;
                    open.Push(candidate, next);
                }
            }
        }

        return long.MaxValue;

        int Local(int cell) => ((cell / (sx * sy) - z0) * by + (cell / sx % sy - y0)) * bx + (cell % sx - x0);
    }
}
