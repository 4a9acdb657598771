using P2C2R.Tasks.Render;
using P2C2R.Tasks.World;

namespace P2C2R.Games.Voxel;

/// <summary>
/// What the ray tracer sees: a base copy of the world's blocks, and an overlay of what differs from
/// it: blocks edited since the base was taken, and the creatures, loose pieces and banner painted
/// as blocks of their own colours (a mob is coal-dark, the villager gold, the banner lava-red).
/// The base stays byte-identical from tick to tick, so a helper keeps it as one blob; edits travel
/// in the small overlay until they are many, when the base is taken afresh. Built once per tick
/// and shared by the frame's bands.
/// </summary>
public sealed partial class VoxelWorld
{
    /// <summary>Per cell, 0 when unpainted this tick, else the painted block + 1; cleared after each build.</summary>
    private readonly byte[] _painted = new byte[SizeX * SizeY * SizeZ];
    private readonly List<int> _paintedCells = [];
    private byte[] _overlay = [];
    private long _overlayTick = -1;

    /// <summary>The blocks as the ray tracer's inputs carry them; null until the first frame. Rendering state only, never snapshotted.</summary>
    private byte[]? _baseBlocks;

    /// <summary>The blocks the ray tracer is given: the base, which <see cref="Overlay"/> brings up to date.</summary>
    private byte[] SceneBlocks() => _baseBlocks ??= (byte[])_blocks.Clone();

    private byte[] Overlay()
    {
        if (_overlayTick == _tick)
        {
            return _overlay;
        }

        if (Loaded)
        {
            foreach (var mob in _mobs)
            {
                PaintColumn(mob, Block.CoalOre);
            }

            PaintColumn(_villager, Block.GoldOre);
            foreach (var piece in _pieces)
            {
                var (x, y, z) = CellOf(piece.Body);
                Paint(x, y, z, piece.Block);
            }

            if (_clothPositions is not null)
            {
                for (var particle = 0; particle < _clothPositions.Length / 3; particle++)
                {
                    Paint(_clothPositions[particle * 3] >> 16, _clothPositions[particle * 3 + 1] >> 16, _clothPositions[particle * 3 + 2] >> 16, Block.Lava);
                }
            }
        }

        AddEdits();
        _paintedCells.Sort();
        _overlay = new byte[_paintedCells.Count * SceneOverlay.CellBytes];
        for (var k = 0; k < _paintedCells.Count; k++)
        {
            var cell = _paintedCells[k];
            SceneOverlay.WriteCell(_overlay.AsSpan(k * SceneOverlay.CellBytes), cell, (byte)(_painted[cell] - 1));
            _painted[cell] = 0;
        }

        _paintedCells.Clear();
        _overlayTick = _tick;
        return _overlay;
    }

    /// <summary>
    /// Adds to the overlay every cell whose block differs from the base and is not painted over;
    /// when they would fill half the overlay, the base is taken afresh from the blocks instead.
    /// </summary>
    private void AddEdits()
    {
        var baseBlocks = SceneBlocks();
        var painted = _paintedCells.Count;
        for (var cell = NextEdit(baseBlocks, 0); cell >= 0; cell = NextEdit(baseBlocks, cell + 1))
        {
            if (_paintedCells.Count >= SceneOverlay.MaxCells / 2)
            {
                for (var k = painted; k < _paintedCells.Count; k++)
                {
                    _painted[_paintedCells[k]] = 0;
                }

                _paintedCells.RemoveRange(painted, _paintedCells.Count - painted);
                _blocks.CopyTo(baseBlocks, 0);
                return;
            }

            if (_painted[cell] == 0)
            {
                _paintedCells.Add(cell);
                _painted[cell] = (byte)(_blocks[cell] + 1);
            }
        }
    }

    /// <summary>The first cell from <paramref name="start"/> on whose block differs from the base, or −1.</summary>
    private int NextEdit(byte[] baseBlocks, int start)
    {
        if (start >= _blocks.Length)
        {
            return -1;
        }

        var same = _blocks.AsSpan(start).CommonPrefixLength(baseBlocks.AsSpan(start));
        return start + same < _blocks.Length ? start + same : -1;
    }

    /// <summary>A creature two blocks tall standing on column <paramref name="cell"/>.</summary>
    private void PaintColumn(int cell, byte block)
    {
        var (x, z) = (cell % SizeX, cell / SizeX);
        var feet = Surface(x, z);
        Paint(x, feet, z, block);
        Paint(x, feet + 1, z, block);
    }

    /// <summary>Paints over air or water only, and what is already painted counts: an earlier paint wins over a later one.</summary>
    private void Paint(int x, int y, int z, byte block)
    {
        if (!Inside(x, y, z) || _paintedCells.Count == SceneOverlay.MaxCells)
        {
            return;
        }

        var cell = Index(x, y, z);
        var current = _painted[cell] == 0 ? _blocks[cell] : (byte)(_painted[cell] - 1);
        if (current is Block.Air or Block.Water)
        {
            if (_painted[cell] == 0)
            {
                _paintedCells.Add(cell);
            }

            _painted[cell] = (byte)(block + 1);
        }
    }
}
