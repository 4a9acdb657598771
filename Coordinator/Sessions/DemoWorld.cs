using P2C2R.Tasks.Ai;
using P2C2R.Tasks.Golden;
using P2C2R.Tasks.Physics;
using P2C2R.Tasks.Render;
using P2C2R.Tasks;

namespace P2C2R.Coordinator.Sessions;

/// <summary>
/// The authoritative state of a session until the voxel game lands: a camera over the shared
/// voxel scene steered by the gamer's keys, a pile of falling debris, and a mob walking towards
/// the camera. Its state is a pure function of the keys of each tick: physics and pathfinding
/// advance in world steps of <see cref="StepTicks"/> ticks, each step's inputs fixed when it
/// starts and its results folded in exactly when it ends, whoever computed them. So a session
/// recovered from its journal, or replayed from its input log, is bit for bit the session that
/// was played.
/// </summary>
public sealed class DemoWorld
{
    public const int KeyForward = 1;
    public const int KeyLeft = 2;
    public const int KeyBack = 4;
    public const int KeyRight = 8;

    /// <summary>Ticks per world step: a step's physics and pathfinding have this long to come back.</summary>
    public const int StepTicks = 4;

    private static readonly Lazy<(byte[] Scene, int Sx, int Sy, int Sz)> SharedScene = new(() => (Scenes.VoxelScene(out var sx, out var sy, out var sz), sx, sy, sz));
    private readonly byte[] _scene;
    private readonly int _sx;
    private readonly int _sy;
    private readonly int _sz;
    private readonly byte[] _walkable;
    private WorldState _state;

    public DemoWorld()
        : this(null)
    {
    }

    public DemoWorld(WorldState? state)
    {
        (_scene, _sx, _sy, _sz) = SharedScene.Value;
        _walkable = Walkable();
        _state = state ?? new WorldState(0, 4.5, 5.5, 0, GoldenInputs.Rigid(60, 3).Bodies, _sx * _sz - 1, 0);
    }

    /// <summary>An immutable copy of the state, for snapshots and digests.</summary>
    public WorldState State => _state;

    /// <summary>Ticks played.</summary>
    public long Tick => _state.Tick;

    public int[] Bodies => _state.Bodies;

    public int Mob => _state.Mob;

    /// <summary>True when the tick just played started a world step, whose tasks are then due.</summary>
    public bool StepStarted => (_state.Tick - 1) % StepTicks == 0;

    /// <summary>The world step that began at the last multiple of <see cref="StepTicks"/>.</summary>
    public long CurrentStep => (_state.Tick - 1) / StepTicks;

    /// <summary>
    /// Plays one tick: ends the running world step with its results (from helpers, validated,
    /// or computed on the spot), starts the next one, then steers the camera.
    /// </summary>
    public void Advance(int keys, Func<long, RigidInput, RigidOutput> physics, Func<long, PathfindInput, PathfindOutput> path)
    {
        if (_state.Tick % StepTicks == 0)
        {
            if (_state.Tick > 0)
            {
                var step = _state.Tick / StepTicks - 1;
                Integrate(physics(step, Physics()));
                Integrate(path(step, Path()));
            }

            _state = _state with { PathTarget = (int)_state.Z * _sx + (int)_state.X };
        }

        Steer(keys);
        _state = _state with { Tick = _state.Tick + 1 };
    }

    /// <summary>The ray-trace input of band <paramref name="band"/> of <paramref name="bands"/>.</summary>
    public RaytraceInput Trace(int band, int bands)
    {
        var camera = Camera.Looking(new Vector3d(_state.X, 34.5, _state.Z), new Vector3d(Math.Cos(_state.Yaw), -0.28, Math.Sin(_state.Yaw)), (double)Scenes.FrameWidth / Scenes.FrameHeight, 0.6);
        var rows = Scenes.TraceHeight / bands;
        return Scenes.Trace(_scene, _sx, _sy, _sz, camera, 0, band * rows, Scenes.TraceWidth, rows);
    }

    /// <summary>The running step's physics input: the bodies change only when a step ends.</summary>
    public RigidInput Physics() => new(1092, 9 << 16, 1 << 15, _state.Bodies);

    /// <summary>The running step's pathfinding input: from the mob to where the camera stood when the step began.</summary>
    public PathfindInput Path()
    {
        var target = _state.PathTarget;
        return new PathfindInput(_sx, _sz, 1, _walkable, _state.Mob, _walkable[target] == 0 ? _state.Mob : target, PathAlgorithm.AStar);
    }

    /// <summary>Steps and pathfinding computed here, for replay and for a step no helper finished.</summary>
    public static RigidOutput ComputePhysics(long step, RigidInput input) => TaskExecutors.Rigid.Run(input);

    public static PathfindOutput ComputePath(long step, PathfindInput input) => TaskExecutors.Pathfind.Run(input);

    private void Steer(int keys)
    {
        var yaw = _state.Yaw + ((keys & KeyRight) != 0 ? 0.03 : 0) - ((keys & KeyLeft) != 0 ? 0.03 : 0) + (keys == 0 ? 0.004 : 0);
        var step = ((keys & KeyForward) != 0 ? 0.25 : 0) - ((keys & KeyBack) != 0 ? 0.25 : 0);
        _state = _state with
        {
            Yaw = yaw,
            X = Math.Clamp(_state.X + step * Math.Cos(yaw), 1, _sx - 2),
            Z = Math.Clamp(_state.Z + step * Math.Sin(yaw), 1, _sz - 2),
        };
    }

    private void Integrate(RigidOutput output) => _state = _state with { Bodies = output.Bodies };

    private void Integrate(PathfindOutput output)
    {
        if (output.Found && output.Path.Length > 1)
        {
            _state = _state with { Mob = output.Path[1] };
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
