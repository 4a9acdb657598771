using P2C2R.GameSdk;
using P2C2R.Tasks.Numerics;
using P2C2R.Tasks.World;

namespace P2C2R.Games.Voxel;

/// <summary>
/// The player: walking with collisions and a one-block step-up, gravity and jumps, and digging
/// or placing the block in sight. Plain IEEE arithmetic and <see cref="DeterministicMath"/> only.
/// </summary>
public sealed partial class VoxelWorld
{
    private const double EyeHeight = 1.6;
    private const double Pitch = -0.45;
    private const double WalkSpeed = 4.0;
    private const double TurnsPerSecond = 0.4;
    private const double JumpSpeed = 8.0;
    private const double Gravity = 25.0;
    private const double Reach = 6.0;
    private double _x = SizeX / 2 + 0.5;
    private double _y = SizeY - 2;
    private double _z = SizeZ / 2 + 0.5;
    private double _vy;
    private double _heading;
    private bool _grounded;

    /// <summary>The cell the player's feet are in.</summary>
    public (int X, int Y, int Z) PlayerCell => ((int)Math.Floor(_x), (int)Math.Floor(_y), (int)Math.Floor(_z));

    /// <summary>Puts the player on the ground of column (x, z), as a scenario would.</summary>
    public void Teleport(int x, int z)
    {
        (_x, _z) = (x + 0.5, z + 0.5);
        _y = Surface(x, z);
        (_vy, _grounded) = (0, true);
    }

    /// <summary>The horizontal direction faced: (cos, sin) of the heading, computed without the runtime's trigonometry.</summary>
    private (double X, double Z) Facing() => (DeterministicMath.SinPi(2 * _heading + 0.5), DeterministicMath.SinPi(2 * _heading));

    private void OnLoaded()
    {
        Teleport(SizeX / 2, SizeZ / 2);
        PlaceCreatures();
        RaiseBanner();
    }

    private void Move(int keys)
    {
        var turn = ((keys & GameKeys.Right) != 0 ? 1 : 0) - ((keys & GameKeys.Left) != 0 ? 1 : 0);
        _heading += turn * TurnsPerSecond / _tps;
        _heading -= Math.Floor(_heading);
        var walk = ((keys & GameKeys.Forward) != 0 ? 1 : 0) - ((keys & GameKeys.Back) != 0 ? 1 : 0);
        if (walk != 0)
        {
            var (fx, fz) = Facing();
            var step = walk * WalkSpeed / _tps;
            TryMove(_x + fx * step, _z);
            TryMove(_x, _z + fz * step);
        }

        if (_grounded && (keys & GameKeys.Jump) != 0)
        {
            _vy = JumpSpeed;
        }

        Fall();
    }

    /// <summary>Moves to (x, z) if the body fits there, or steps up one block onto it when standing.</summary>
    private void TryMove(double x, double z)
    {
        x = Math.Clamp(x, 0.5, SizeX - 0.5);
        z = Math.Clamp(z, 0.5, SizeZ - 0.5);
        var (cx, cz, feet) = ((int)Math.Floor(x), (int)Math.Floor(z), (int)Math.Floor(_y));
        if (Free(cx, feet, cz) && Free(cx, feet + 1, cz))
        {
            (_x, _z) = (x, z);
        }
        else if (_grounded && Free(cx, feet + 1, cz) && Free(cx, feet + 2, cz) && Free((int)Math.Floor(_x), feet + 2, (int)Math.Floor(_z)))
        {
            (_x, _z, _y) = (x, z, feet + 1);
        }
    }

    private void Fall()
    {
        _vy -= Gravity / _tps;
        var next = _y + _vy / _tps;
        var (cx, cz) = ((int)Math.Floor(_x), (int)Math.Floor(_z));
        if (_vy > 0)
        {
            if (Free(cx, (int)Math.Floor(next + 1.8), cz))
            {
                _y = next;
            }
            else
            {
                _vy = 0;
            }

            _grounded = false;
            return;
        }

        var floor = (int)Math.Floor(_y);
        while (floor > 0 && Free(cx, floor - 1, cz))
        {
            floor--;
        }

        if (next <= floor)
        {
            (_y, _vy, _grounded) = (floor, 0, true);
        }
        else
        {
            (_y, _grounded) = (next, false);
        }
    }

    private bool Free(int x, int y, int z) => y >= SizeY || (y >= 0 && Inside(x, y, z) && !Solid(_blocks[Index(x, y, z)]));

    /// <summary>Digs or places on the tick the key goes down, not while it is held.</summary>
    private void Act(int keys)
    {
        var pressed = keys & ~_previousKeys;
        if ((pressed & (GameKeys.Dig | GameKeys.Place)) == 0 || !Sight(out var hit, out var before))
        {
            return;
        }

        if ((pressed & GameKeys.Dig) != 0)
        {
            Dig(hit);
        }
        else if ((pressed & GameKeys.Place) != 0 && before.Y >= 0 && !Occupied(before))
        {
            Place(before, Block.Dirt);
        }
    }

    private void Dig((int X, int Y, int Z) cell)
    {
        var block = _blocks[Index(cell.X, cell.Y, cell.Z)];
        if (block == Block.Bedrock)
        {
            return;
        }

        SetBlock(cell.X, cell.Y, cell.Z, Block.Air);
        SpawnDebris(cell, block);
    }

    private void Place((int X, int Y, int Z) cell, byte block)
    {
        if (cell.Y == 0 || Solid(_blocks[Index(cell.X, cell.Y - 1, cell.Z)]))
        {
            SetBlock(cell.X, cell.Y, cell.Z, block);
        }
        else
        {
            SpawnFallingBlock(cell, block);
        }
    }

    private bool Occupied((int X, int Y, int Z) cell)
    {
        var (px, py, pz) = PlayerCell;
        return cell.X == px && cell.Z == pz && cell.Y >= py && cell.Y <= py + 1;
    }

    /// <summary>The first solid block within reach along the view, and the free cell just before it.</summary>
    private bool Sight(out (int X, int Y, int Z) hit, out (int X, int Y, int Z) before)
    {
        var (fx, fz) = Facing();
        var length = Math.Sqrt(fx * fx + Pitch * Pitch + fz * fz);
        var (dx, dy, dz) = (fx / length, Pitch / length, fz / length);
        before = (-1, -1, -1);
        for (var t = 0.0; t <= Reach; t += 0.05)
        {
            var cell = ((int)Math.Floor(_x + dx * t), (int)Math.Floor(_y + EyeHeight + dy * t), (int)Math.Floor(_z + dz * t));
            if (!Inside(cell.Item1, cell.Item2, cell.Item3))
            {
                break;
            }

            if (Solid(_blocks[Index(cell.Item1, cell.Item2, cell.Item3)]))
            {
                hit = cell;
                return true;
            }

            before = cell;
        }

        hit = default;
        return false;
    }
}
