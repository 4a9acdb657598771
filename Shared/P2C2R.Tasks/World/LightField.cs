namespace P2C2R.Tasks.World;

/// <summary>
/// The light equation of one channel (sky or block) and its solution. Every transparent cell
/// holds max(own source, brightest neighbour − its attenuation); opaque cells hold only their
/// emission. Because attenuation is at least 1 the equation has exactly one solution, so checking
/// it cell by cell (<see cref="FirstViolation"/>) proves a claimed result without propagating.
/// </summary>
internal sealed class LightField
{
    private const int Full = 15;
    private readonly LightingInput _input;
    private readonly bool _sky;
    private readonly int _height;
    private readonly int[] _skyFloor;

    public LightField(LightingInput input, bool sky)
    {
        _input = input;
        _sky = sky;
        _height = input.Height;
        _skyFloor = sky ? SkyFloors(input) : [];
    }

    /// <summary>Breadth-first propagation from every source until nothing brightens.</summary>
    public byte[] Solve()
    {
        var cells = _input.Blocks.Length;
        var light = new byte[cells];
        var queue = new int[cells];
        var queued = new bool[cells];
        var head = 0;
        var count = 0;
        for (var i = 0; i < cells; i++)
        {
            light[i] = (byte)Source(i);
            if (light[i] > 1)
            {
                queue[(head + count++) % cells] = i;
                queued[i] = true;
            }
        }

        Span<int> neighbours = stackalloc int[6];
        while (count > 0)
        {
            var cell = queue[head];
            head = (head + 1) % cells;
            count--;
            queued[cell] = false;
            var found = Neighbours(cell, neighbours);
            for (var k = 0; k < found; k++)
            {
                var next = neighbours[k];
                var block = _input.Blocks[next];
                if (Block.IsOpaque(block))
                {
                    continue;
                }

                var candidate = light[cell] - Block.AttenuationOf(block);
                if (candidate > light[next])
                {
                    light[next] = (byte)candidate;
                    if (!queued[next] && candidate > 1)
                    {
                        queue[(head + count++) % cells] = next;
                        queued[next] = true;
                    }
                }
            }
        }

        return light;
    }

    /// <summary>The first of <paramref name="cells"/> whose claimed level breaks the equation, or −1.</summary>
    public int FirstViolation(ReadOnlySpan<byte> light, ReadOnlySpan<int> cells, out int expected)
    {
        Span<int> neighbours = stackalloc int[6];
        foreach (var i in cells)
        {
            expected = Source(i);
            var block = _input.Blocks[i];
            if (!Block.IsOpaque(block))
            {
                var found = Neighbours(i, neighbours);
                for (var k = 0; k < found; k++)
                {
                    expected = Math.Max(expected, light[neighbours[k]] - Block.AttenuationOf(block));
                }
            }

            if (light[i] != expected)
            {
                return i;
            }
        }

        expected = 0;
        return -1;
    }

    /// <summary>
    /// A cell's level before in-chunk neighbours count: its emission, full sky when every cell
    /// from it to the top lets light straight through, and what enters through the chunk's faces.
    /// </summary>
    private int Source(int cell)
    {
        var block = _input.Blocks[cell];
        if (Block.IsOpaque(block))
        {
            return _sky ? 0 : Block.EmissionOf(block);
        }

        var x = cell & 15;
        var z = (cell >> 4) & 15;
        var y = cell >> 8;
        if (_sky && y >= _skyFloor[cell & 255])
        {
            return Full;
        }

        var attenuation = Block.AttenuationOf(block);
        var level = _sky ? 0 : Block.EmissionOf(block);
        if (_sky && y == _height - 1)
        {
            level = Full - attenuation;
        }

        var border = _sky ? _input.SkyBorder : _input.BlockBorder;
        var face = Chunk.Size * _height;
        if (x == 0)
        {
            level = Math.Max(level, border[y * 16 + z] - attenuation);
        }

        if (x == 15)
        {
            level = Math.Max(level, border[face + y * 16 + z] - attenuation);
        }

        if (z == 0)
        {
            level = Math.Max(level, border[2 * face + y * 16 + x] - attenuation);
        }

        if (z == 15)
        {
            level = Math.Max(level, border[3 * face + y * 16 + x] - attenuation);
        }

        return level;
    }

    /// <summary>Per column, the lowest y from which every cell up to the top passes light without loss.</summary>
    private static int[] SkyFloors(LightingInput input)
    {
        var floors = new int[256];
        for (var column = 0; column < 256; column++)
        {
            var y = input.Height;
            while (y > 0 && Block.AttenuationOf(input.Blocks[(y - 1) * 256 + column]) == 1)
            {
                y--;
            }

            floors[column] = y;
        }

        return floors;
    }

    private int Neighbours(int cell, Span<int> into)
    {
        var x = cell & 15;
        var z = (cell >> 4) & 15;
        var y = cell >> 8;
        var n = 0;
        if (x > 0)
        {
            into[n++] = cell - 1;
        }

        if (x < 15)
        {
            into[n++] = cell + 1;
        }

        if (z > 0)
        {
            into[n++] = cell - 16;
        }

        if (z < 15)
        {
            into[n++] = cell + 16;
        }

        if (y > 0)
        {
            into[n++] = cell - 256;
        }

        if (y < _height - 1)
        {
            into[n++] = cell + 256;
        }

        return n;
    }
}
