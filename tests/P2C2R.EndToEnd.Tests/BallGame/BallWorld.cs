using P2C2R.GameSdk;
using P2C2R.Tasks;
using P2C2R.Tasks.Physics;
using P2C2R.Tasks.Render;
using P2C2R.Tasks.World;

namespace P2C2R.EndToEnd.Tests.BallGame;

/// <summary>
/// A 16-block stone room and a ball: every two ticks one <c>physics.rigid</c> step is planned,
/// due two ticks later; keys push the ball. The scene is the room with the ball's cell painted gold.
/// </summary>
internal sealed class BallWorld : IGameWorld
{
    private const int Size = 16;
    private const int One = 1 << 16;
    private const int StepTicks = 2;
    private readonly GameOptions _options;
    private readonly List<GameTask> _planned = [];
    private long _tick;
    private long _nextId;
    private int[] _bodies;
    private GameTask? _pending;

    public BallWorld(GameOptions options)
    {
        _options = options;
        _bodies = new int[2 * RigidBody.Fields];
        Body(0, RigidBody.Box, 0, [8 * One, -One, 8 * One], [0, 0, 0], [8 * One, 2 * One, 8 * One]);
        Body(1, RigidBody.Sphere, 1, [8 * One, (6 + (int)(options.Seed % 4)) * One, 8 * One], [One / 2, 0, One / 3], [One / 2, One / 2, One / 2]);
    }

    public long Tick => _tick;

    public IReadOnlyList<GameTask> Planned => _planned;

    public string Caption => "";

    public void Advance(int keys, ITaskResults results)
    {
        _planned.Clear();
        if (_pending is { } due && due.DueTick <= _tick)
        {
            _bodies = Payload.Decode<RigidOutput>(results.Resolve(due)).Bodies;
            _pending = null;
        }

        if ((keys & GameKeys.Jump) != 0)
        {
            _bodies[RigidBody.Fields + RigidBody.Velocity + 1] = 4 * One;
        }

        if (_pending is null && _tick % StepTicks == 0)
        {
            var dt = StepTicks * One / _options.TicksPerSecond;
            _pending = new GameTask(_nextId++, TaskExecutors.Rigid.Type.Id, Payload.Encode(new RigidInput(dt, 10 * One, One * 3 / 4, _bodies)), _tick + StepTicks);
            _planned.Add(_pending);
        }

        _tick++;
    }

    public RaytraceInput DescribeFrame(int band)
    {
        var scene = new byte[Size * Size * Size];
        for (var i = 0; i < Size * Size; i++)
        {
            scene[i] = Block.Stone;
        }

        var (x, y, z) = (_bodies[RigidBody.Fields + RigidBody.Position] >> 16, _bodies[RigidBody.Fields + RigidBody.Position + 1] >> 16, _bodies[RigidBody.Fields + RigidBody.Position + 2] >> 16);
        if ((uint)x < Size && (uint)y < Size && (uint)z < Size)
        {
            scene[(y * Size + z) * Size + x] = Block.GoldOre;
        }

        var format = _options.Frame;
        var (top, rows) = format.Band(band);
        var camera = Camera.Looking(new Vector3d(1.5, 9.5, 1.5), new Vector3d(1, -0.5, 1), (double)format.FrameWidth / format.FrameHeight, 0.6);
        return new RaytraceInput(Size, Size, Size, scene, format.TraceWidth, format.TraceHeight, 0, top, format.TraceWidth, rows, camera, new Vector3d(0.3, 0.9, 0.2), 40);
    }

    public byte[] Snapshot()
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write(_tick);
            w.Write(_nextId);
            Array.ForEach(_bodies, w.Write);
            w.Write(_pending is not null);
            if (_pending is { } pending)
            {
                w.Write(pending.Id);
                w.Write(pending.Input.Length);
                w.Write(pending.Input);
                w.Write(pending.DueTick);
            }
        }

        return stream.ToArray();
    }

    public static BallWorld Restore(GameOptions options, ReadOnlySpan<byte> snapshot)
    {
        var world = new BallWorld(options);
        using var r = new BinaryReader(new MemoryStream(snapshot.ToArray()));
        world._tick = r.ReadInt64();
        world._nextId = r.ReadInt64();
        for (var i = 0; i < world._bodies.Length; i++)
        {
            world._bodies[i] = r.ReadInt32();
        }

        if (r.ReadBoolean())
        {
            world._pending = new GameTask(r.ReadInt64(), TaskExecutors.Rigid.Type.Id, r.ReadBytes(r.ReadInt32()), r.ReadInt64());
        }

        return world;
    }

    private void Body(int index, int shape, int mass, int[] position, int[] velocity, int[] size)
    {
        var body = _bodies.AsSpan(index * RigidBody.Fields, RigidBody.Fields);
        body[RigidBody.Id] = index;
        body[RigidBody.Shape] = shape;
        body[RigidBody.Mass] = mass;
        position.CopyTo(body[RigidBody.Position..]);
        velocity.CopyTo(body[RigidBody.Velocity..]);
        size.CopyTo(body[RigidBody.Size..]);
    }
}
