using P2C2R.GameSdk;
using P2C2R.Tasks.Render;

namespace P2C2R.Games.Voxel;

/// <summary>
/// A small Minecraft-like world, run authoritatively by its session: terrain generated in
/// chunks and lit by helpers, a player who walks, jumps, digs and places blocks, mobs that
/// chase the player, a villager who talks, debris and falling blocks, and a banner in the wind.
/// The rules (movement, collisions, who is where) run here; everything heavy is planned as
/// context-free tasks whose outputs come back a world step later, so the world stays a pure
/// function of its seed and keys whoever computed them.
/// </summary>
public sealed partial class VoxelWorld : IGameWorld
{
    public const int SizeX = 48;
    public const int SizeY = 40;
    public const int SizeZ = 48;
    private const int ChunksX = SizeX / 16;
    private const int ChunksZ = SizeZ / 16;
    private const int ChunkCount = ChunksX * ChunksZ;
    private const int AllChunks = (1 << ChunkCount) - 1;

    private readonly GameOptions _options;
    private readonly int _tps;
    private readonly int _stepTicks;
    private readonly List<GameTask> _planned = [];
    private readonly List<Pending> _pending = [];
    private byte[] _blocks = new byte[SizeX * SizeY * SizeZ];
    private long _tick;
    private long _nextTaskId;
    private int _previousKeys;
    private string _caption = "";
    private long _captionUntil;

    public VoxelWorld(GameOptions options)
    {
        options.Frame.Validate();
        _options = options;
        _tps = Math.Clamp(options.TicksPerSecond, 1, 240);
        _stepTicks = Math.Max(1, _tps / 15);
        _sky.AsSpan().Fill(15);
        _light.AsSpan().Fill(15);
    }

    public long Tick => _tick;

    public IReadOnlyList<GameTask> Planned => _planned;

    public string Caption => _tick < _captionUntil ? _caption : "";

    /// <summary>True once every terrain chunk has arrived and the player stands in the world.</summary>
    public bool Loaded => _loadedChunks == AllChunks;

    /// <summary>Ticks per world step: physics, pathfinding and the banner advance once a step.</summary>
    public int StepTicks => _stepTicks;

    public void Advance(int keys, ITaskResults results)
    {
        _planned.Clear();
        ResolveDue(results);
        if (_tick == 0)
        {
            PlanTerrain();
        }

        if (Loaded)
        {
            Move(keys);
            Act(keys);
            TouchMobs();
        }

        if (_tick % _stepTicks == 0 && Loaded)
        {
            PlanStep(_tick / _stepTicks);
        }

        _previousKeys = keys;
        _tick++;
    }

    public RaytraceInput DescribeFrame(int band)
    {
        var format = _options.Frame;
        var (top, rows) = format.Band(band);
        var (fx, fz) = Facing();
        var eye = new Vector3d(_x, _y + EyeHeight, _z);
        var camera = Camera.Looking(eye, new Vector3d(fx, Pitch, fz), (double)format.FrameWidth / format.FrameHeight, 0.6);
        var overlay = Overlay();
        return new RaytraceInput(SizeX, SizeY, SizeZ, SceneBlocks(), format.TraceWidth, format.TraceHeight, 0, top, format.TraceWidth, rows,
            camera, new Vector3d(0.4, 0.8, 0.3), 60.0, _light, overlay);
    }

    /// <summary>The block at a cell (air outside the world).</summary>
    public byte BlockAt(int x, int y, int z) => Inside(x, y, z) ? _blocks[Index(x, y, z)] : Tasks.World.Block.Air;

    /// <summary>Sets a block, as a level editor or a test scenario would; lighting follows.</summary>
    public void Edit(int x, int y, int z, byte block)
    {
        if (Inside(x, y, z))
        {
            SetBlock(x, y, z, block);
        }
    }

    private static bool Inside(int x, int y, int z) => (uint)x < SizeX && (uint)y < SizeY && (uint)z < SizeZ;

    private static int Index(int x, int y, int z) => (y * SizeZ + z) * SizeX + x;

    private void SetBlock(int x, int y, int z, byte block)
    {
        _blocks[Index(x, y, z)] = block;
        _dirtyChunks |= 1 << (z / 16 * ChunksX + x / 16);
        _overlayTick = -1;
    }

    /// <summary>Plans a task whose output <see cref="Integrate"/> folds in <paramref name="dueIn"/> ticks from now.</summary>
    private void Plan(WorkKind kind, int arg, string type, byte[] input, long dueIn)
    {
        var task = new GameTask(_nextTaskId++, type, input, _tick + Math.Max(1, dueIn));
        _pending.Add(new Pending(task, kind, arg));
        _planned.Add(task);
    }

    private bool IsPending(WorkKind kind, int arg = -1) => _pending.Exists(p => p.Kind == kind && (arg < 0 || p.Arg == arg));

    /// <summary>
    /// Folds in every task due now, in the order planned: the order is part of the rules. Tasks
    /// an integration plans are due later, so this pass leaves them; no allocation on a tick
    /// where nothing is due.
    /// </summary>
    private void ResolveDue(ITaskResults results)
    {
        for (var i = 0; i < _pending.Count;)
        {
            var pending = _pending[i];
            if (pending.Task.DueTick > _tick)
            {
                i++;
                continue;
            }

            _pending.RemoveAt(i);
            Integrate(pending, results.Resolve(pending.Task));
        }
    }

    private void Integrate(Pending pending, byte[] output)
    {
        switch (pending.Kind)
        {
            case WorkKind.Terrain:
                IntegrateTerrain(pending.Arg, output);
                break;
            case WorkKind.Lighting:
                IntegrateLighting(pending.Arg, output);
                break;
            case WorkKind.Path:
                IntegratePath(pending.Arg, output);
                break;
            case WorkKind.Physics:
                IntegratePhysics(pending.Arg, output);
                break;
            case WorkKind.Cloth:
                IntegrateCloth(output);
                break;
            case WorkKind.Dialogue:
                IntegrateDialogue(output);
                break;
        }
    }

    private void PlanStep(long step)
    {
        PlanLighting();
        if (step % 4 == 0)
        {
            PlanPaths();
        }

        PlanPhysics();
        PlanCloth(step);
        PlanDialogue();
    }

    private void Say(string line, double seconds)
    {
        _caption = line;
        _captionUntil = _tick + (long)(seconds * _tps);
    }

    /// <summary>What a planned task is for, so its output lands in the right place.</summary>
    private enum WorkKind
    {
        Terrain = 1,
        Lighting = 2,
        Path = 3,
        Physics = 4,
        Cloth = 5,
        Dialogue = 6,
    }

    private sealed record Pending(GameTask Task, WorkKind Kind, int Arg);
}
