using P2C2R.Tasks.Ai;
using P2C2R.Tasks.Golden;
using P2C2R.Tasks.Physics;
using P2C2R.Tasks.Render;

namespace P2C2R.Coordinator.Sessions;

/// <summary>
/// The authoritative state of a session until the voxel game lands: a camera over the shared
/// voxel scene steered by the gamer's keys, a pile of falling debris, and a mob walking towards
/// the camera. It plans context-free task inputs from this state and integrates validated
/// outputs back; nothing else ever changes it.
/// </summary>
internal sealed class DemoWorld
{
    public const int KeyForward = 1;
    public const int KeyLeft = 2;
    public const int KeyBack = 4;
    public const int KeyRight = 8;
    private readonly byte[] _scene;
    private readonly int _sx;
    private readonly int _sy;
    private readonly int _sz;
    private readonly byte[] _walkable;
    private double _yaw;
    private double _x = 4.5;
    private double _z = 5.5;

    public DemoWorld()
    {
        _scene = Scenes.VoxelScene(out _sx, out _sy, out _sz);
        Bodies = GoldenInputs.Rigid(60, 3).Bodies;
        _walkable = Walkable();
        Mob = _sx * _sz - 1;
    }

    public int[] Bodies { get; private set; }

    public int Mob { get; private set; }

    public void Steer(int keys)
    {
        _yaw += ((keys & KeyRight) != 0 ? 0.03 : 0) - ((keys & KeyLeft) != 0 ? 0.03 : 0) + (keys == 0 ? 0.004 : 0);
        var step = ((keys & KeyForward) != 0 ? 0.25 : 0) - ((keys & KeyBack) != 0 ? 0.25 : 0);
        _x = Math.Clamp(_x + step * Math.Cos(_yaw), 1, _sx - 2);
        _z = Math.Clamp(_z + step * Math.Sin(_yaw), 1, _sz - 2);
    }

    /// <summary>The ray-trace input of band <paramref name="band"/> of <paramref name="bands"/>.</summary>
    public RaytraceInput Trace(int band, int bands)
    {
        var camera = Camera.Looking(new Vector3d(_x, 34.5, _z), new Vector3d(Math.Cos(_yaw), -0.28, Math.Sin(_yaw)), (double)Scenes.FrameWidth / Scenes.FrameHeight, 0.6);
        var rows = Scenes.TraceHeight / bands;
        return Scenes.Trace(_scene, _sx, _sy, _sz, camera, 0, band * rows, Scenes.TraceWidth, rows);
    }

    public RigidInput Physics() => new(1092, 9 << 16, 1 << 15, Bodies);

    public void Integrate(RigidOutput output) => Bodies = output.Bodies;

    public PathfindInput Path()
    {
        var target = (int)_z * _sx + (int)_x;
        return new PathfindInput(_sx, _sz, 1, _walkable, Mob, _walkable[target] == 0 ? Mob : target, PathAlgorithm.AStar);
    }

    public void Integrate(PathfindOutput output)
    {
        if (output.Found && output.Path.Length > 1)
        {
            Mob = output.Path[1];
        }
    }

    /// <summary>Step costs from the terrain: flat ground is cheap, slopes dear, water a wall.</summary>
    private byte[] Walkable()
    {
        var costs = new byte[_sx * _sz];
        for (var z = 0; z < _sz; z++)
        {
            for (var x = 0; x < _sx; x++)
            {
                var y = _sy - 1;
                while (y > 0 && _scene[(y * _sz + z) * _sx + x] == 0)
                {
                    y--;
                }

                var top = _scene[(y * _sz + z) * _sx + x];
                costs[z * _sx + x] = top == Tasks.World.Block.Water ? (byte)0 : (byte)(1 + y % 5);
            }
        }

        costs[^1] = Math.Max((byte)1, costs[^1]);
        return costs;
    }
}
