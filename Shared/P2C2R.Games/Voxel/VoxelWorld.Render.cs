using P2C2R.Tasks.Render;
using P2C2R.Tasks.World;

namespace P2C2R.Games.Voxel;

/// <summary>
/// What the ray tracer sees: the world's own blocks, and an overlay of the creatures, loose pieces
/// and banner painted as blocks of their own colours (a mob is coal-dark, the villager gold, the
/// banner lava-red). The blocks stay byte-identical from tick to tick while nothing is edited, so
/// a helper can keep them; only the small overlay changes as things move. Built once per tick and
/// shared by the frame's bands; painting allocates only the overlay itself.
/// </summary>
public sealed partial class VoxelWorld
{
    /// <summary>Per cell, 0 when unpainted this tick, else the painted block + 1; cleared after each build.</summary>
    private readonly byte[] _painted = new byte[SizeX * SizeY * SizeZ];
    private readonly List<int> _paintedCells = [];
    private byte[] _overlay = [];
    private long _overlayTick = -1;

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
