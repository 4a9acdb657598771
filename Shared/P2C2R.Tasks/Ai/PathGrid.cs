namespace P2C2R.Tasks.Ai;

/// <summary>Neighbourhood and heuristic of a pathfinding grid, shared by the search and the verifier.</summary>
internal readonly struct PathGrid(PathfindInput input)
{
    public int Cells => input.Costs.Length;

    public int Cost(int cell) => input.Costs[cell];

    /// <summary>Face neighbours of <paramref name="cell"/> in a fixed order (−x, +x, −y, +y, −z, +z).</summary>
    public int Neighbours(int cell, Span<int> into)
    {
        var sx = input.SizeX;
        var sy = input.SizeY;
        var x = cell % sx;
        var y = cell / sx % sy;
        var z = cell / (sx * sy);
        var n = 0;
        if (x > 0)
        {
            into[n++] = cell - 1;
        }

        if (x < sx - 1)
        {
            into[n++] = cell + 1;
        }

        if (y > 0)
        {
            into[n++] = cell - sx;
        }

        if (y < sy - 1)
        {
            into[n++] = cell + sx;
        }

        if (z > 0)
        {
            into[n++] = cell - sx * sy;
        }

        if (z < input.SizeZ - 1)
        {
            into[n++] = cell + sx * sy;
        }

        return n;
    }

    public bool AreNeighbours(int a, int b)
    {
        Span<int> around = stackalloc int[6];
        var count = Neighbours(a, around);
        return around[..count].Contains(b);
    }

    /// <summary>Manhattan distance times the cheapest step: never overestimates, and consistent.</summary>
    public long Heuristic(int cell, int goal, int cheapest)
    {
        var sx = input.SizeX;
        var sy = input.SizeY;
        var dx = Math.Abs(cell % sx - goal % sx);
        var dy = Math.Abs(cell / sx % sy - goal / sx % sy);
        var dz = Math.Abs(cell / (sx * sy) - goal / (sx * sy));
        return (long)(dx + dy + dz) * cheapest;
    }
}
