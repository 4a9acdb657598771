using P2C2R.Tasks.World;

namespace P2C2R.Games.Voxel;

/// <summary>
/// What the ray tracer sees: the blocks, with the creatures, loose pieces and banner painted in
/// as blocks of their own colours (a mob is coal-dark, the villager gold, the banner lava-red).
/// Built once per tick into one reused buffer, shared by the frame's bands.
/// </summary>
public sealed partial class VoxelWorld
{
    private byte[] _scene = [];
    private long _sceneTick = -1;

    private byte[] Scene()
    {
        if (_sceneTick == _tick)
        {
            return _scene;
        }

        if (_scene.Length != _blocks.Length)
        {
            _scene = new byte[_blocks.Length];
        }

        _blocks.CopyTo(_scene, 0);
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

        _sceneTick = _tick;
        return _scene;
    }

    /// <summary>A creature two blocks tall standing on column <paramref name="cell"/>.</summary>
    private void PaintColumn(int cell, byte block)
    {
        var (x, z) = (cell % SizeX, cell / SizeX);
        var feet = Surface(x, z);
        Paint(x, feet, z, block);
        Paint(x, feet + 1, z, block);
    }

    private void Paint(int x, int y, int z, byte block)
    {
        if (Inside(x, y, z) && _scene[Index(x, y, z)] is Block.Air or Block.Water)
        {
            _scene[Index(x, y, z)] = block;
        }
    }
}
