using P2C2R.Tasks;
using P2C2R.Tasks.Ai;
using P2C2R.Tasks.World;

namespace P2C2R.Games.Voxel;

/// <summary>
/// Mobs chase the player along <c>ai.pathfind</c> paths (a mob climbs at most one block, so a
/// wall two high is a wall); a villager greets a player who comes close with an
/// <c>ai.dialogue</c> line.
/// </summary>
public sealed partial class VoxelWorld
{
    private static readonly string[] PlayerLines = ["Hello there, what news from the village?", "Is it safe to dig near the river?", "Have you seen the mobs at night?"];
    private readonly int[] _mobs = new int[2];
    private int _villager;
    private int _mobHits;

    /// <summary>Where each mob stands, as (x, z) columns.</summary>
    public IReadOnlyList<(int X, int Z)> MobCells => _mobs.Select(m => (m % SizeX, m / SizeX)).ToArray();

    /// <summary>Times a mob has caught the player.</summary>
    public int MobHits => _mobHits;

    /// <summary>Puts mob <paramref name="mob"/> on column (x, z), as a scenario would.</summary>
    public void MoveMob(int mob, int x, int z) => _mobs[mob] = z * SizeX + x;

    private void PlaceCreatures()
    {
        _mobs[0] = 4 * SizeX + 4;
        _mobs[1] = (SizeZ - 5) * SizeX + SizeX - 5;
        _villager = (SizeZ / 2 + 3) * SizeX + SizeX / 2 + 4;
    }

    private void PlanPaths()
    {
        var (px, _, pz) = PlayerCell;
        for (var mob = 0; mob < _mobs.Length; mob++)
        {
            if (IsPending(WorkKind.Path, mob))
            {
                continue;
            }

            var costs = Walkable(_mobs[mob]);
            if (costs[pz * SizeX + px] == 0)
            {
                continue;
            }

            var input = new PathfindInput(SizeX, SizeZ, 1, costs, _mobs[mob], pz * SizeX + px, PathAlgorithm.AStar);
            Plan(WorkKind.Path, mob, TaskExecutors.Pathfind.Type.Id, Payload.Encode(input), _stepTicks);
        }
    }

    /// <summary>Step costs for a mob at <paramref name="from"/>: water and anything over one block above it are walls; slopes cost more. A mob that cannot reach the player's column waits.</summary>
    private byte[] Walkable(int from)
    {
        var height = Surface(from % SizeX, from / SizeX);
        var costs = new byte[SizeX * SizeZ];
        for (var z = 0; z < SizeZ; z++)
        {
            for (var x = 0; x < SizeX; x++)
            {
                var surface = Surface(x, z);
                var water = surface > 0 && _blocks[Index(x, surface - 1, z)] == Block.Water;
                costs[z * SizeX + x] = water || surface > height + 1 ? (byte)0 : (byte)(1 + Math.Abs(surface - height));
            }
        }

        costs[from] = Math.Max((byte)1, costs[from]);
        return costs;
    }

    private void IntegratePath(int mob, byte[] output)
    {
        var path = Payload.Decode<PathfindOutput>(output);
        if (path.Found && path.Path.Length > 1 && path.Path[0] == _mobs[mob])
        {
            _mobs[mob] = path.Path[1];
        }
    }

    /// <summary>A mob on the player's column catches the player and is sent back to its corner.</summary>
    private void TouchMobs()
    {
        var (px, _, pz) = PlayerCell;
        for (var mob = 0; mob < _mobs.Length; mob++)
        {
            if (_mobs[mob] == pz * SizeX + px)
            {
                _mobHits++;
                Say($"A mob caught you! ({_mobHits})", 2);
                _mobs[mob] = mob == 0 ? 4 * SizeX + 4 : (SizeZ - 5) * SizeX + SizeX - 5;
            }
        }
    }

    private void PlanDialogue()
    {
        var (px, _, pz) = PlayerCell;
        var near = Math.Max(Math.Abs(px - _villager % SizeX), Math.Abs(pz - _villager / SizeX)) <= 3;
        if (!near || Caption.Length > 0 || IsPending(WorkKind.Dialogue))
        {
            return;
        }

        var line = PlayerLines[(int)(_tick / _tps % PlayerLines.Length)];
        var input = new DialogueInput("elder", _mobHits > 0 ? "afraid" : "calm", line, _options.Seed ^ (ulong)_tick, 14);
        Plan(WorkKind.Dialogue, 0, TaskExecutors.Dialogue.Type.Id, Payload.Encode(input), 2 * _stepTicks);
    }

    private void IntegrateDialogue(byte[] output) => Say("Elder: " + Payload.Decode<DialogueOutput>(output).Line, 4);
}
