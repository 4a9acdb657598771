using P2C2R.Tasks;
using P2C2R.Tasks.World;

namespace P2C2R.Games.Voxel;

/// <summary>Terrain arrives as <c>world.terrain</c> chunks; light as <c>world.lighting</c> per chunk, again after every edit.</summary>
public sealed partial class VoxelWorld
{
    /// <summary>World row 0 is row 4 of a generated chunk: the bedrock floor is cut, the mountains kept.</summary>
    private const int ChunkOffsetY = 4;
    private readonly byte[] _sky = new byte[SizeX * SizeY * SizeZ];
    private readonly byte[] _glow = new byte[SizeX * SizeY * SizeZ];
    private readonly byte[] _light = new byte[SizeX * SizeY * SizeZ];
    private int _loadedChunks;
    private int _dirtyChunks;

    private void PlanTerrain()
    {
        for (var chunk = 0; chunk < ChunkCount; chunk++)
        {
            var input = new TerrainInput(_options.Seed, chunk % ChunksX, chunk / ChunksX, 64, 24, 4, 9000);
            Plan(WorkKind.Terrain, chunk, TaskExecutors.Terrain.Type.Id, Payload.Encode(input), _stepTicks);
        }
    }

    private void IntegrateTerrain(int chunk, byte[] output)
    {
        var blocks = Payload.Decode<BlocksOutput>(output).Blocks;
        var (ox, oz) = (chunk % ChunksX * 16, chunk / ChunksX * 16);
        for (var y = 0; y < SizeY; y++)
        {
            for (var z = 0; z < 16; z++)
            {
                for (var x = 0; x < 16; x++)
                {
                    _blocks[Index(ox + x, y, oz + z)] = blocks[Chunk.Index(x, y + ChunkOffsetY, z)];
                }
            }
        }

        _loadedChunks |= 1 << chunk;
        _dirtyChunks |= 1 << chunk;
        _overlayTick = -1;
        if (Loaded)
        {
            OnLoaded();
        }
    }

    /// <summary>Relights every chunk whose blocks changed, once its previous lighting has landed.</summary>
    private void PlanLighting()
    {
        for (var chunk = 0; chunk < ChunkCount; chunk++)
        {
            if ((_dirtyChunks & (1 << chunk)) == 0 || IsPending(WorkKind.Lighting, chunk))
            {
                continue;
            }

            _dirtyChunks &= ~(1 << chunk);
            Plan(WorkKind.Lighting, chunk, TaskExecutors.Lighting.Type.Id, Payload.Encode(LightingOf(chunk)), _stepTicks);
        }
    }

    /// <summary>A chunk's blocks and, as borders, the light its neighbours have now (none past the world's edge).</summary>
    private LightingInput LightingOf(int chunk)
    {
        var (ox, oz) = (chunk % ChunksX * 16, chunk / ChunksX * 16);
        var blocks = new byte[16 * 16 * SizeY];
        var face = 16 * SizeY;
        var sky = new byte[4 * face];
        var glow = new byte[4 * face];
        for (var y = 0; y < SizeY; y++)
        {
            for (var i = 0; i < 16; i++)
            {
                for (var x = 0; x < 16; x++)
                {
                    blocks[Chunk.Index(x, y, i)] = _blocks[Index(ox + x, y, oz + i)];
                }

                Border(sky, glow, 0 * face + y * 16 + i, ox - 1, y, oz + i);
                Border(sky, glow, 1 * face + y * 16 + i, ox + 16, y, oz + i);
                Border(sky, glow, 2 * face + y * 16 + i, ox + i, y, oz - 1);
                Border(sky, glow, 3 * face + y * 16 + i, ox + i, y, oz + 16);
            }
        }

        return new LightingInput(SizeY, blocks, sky, glow);
    }

    private void Border(byte[] sky, byte[] glow, int at, int x, int y, int z)
    {
        if (Inside(x, y, z))
        {
            sky[at] = _sky[Index(x, y, z)];
            glow[at] = _glow[Index(x, y, z)];
        }
    }

    private void IntegrateLighting(int chunk, byte[] output)
    {
        var light = Payload.Decode<LightingOutput>(output);
        var (ox, oz) = (chunk % ChunksX * 16, chunk / ChunksX * 16);
        for (var y = 0; y < SizeY; y++)
        {
            for (var z = 0; z < 16; z++)
            {
                for (var x = 0; x < 16; x++)
                {
                    var cell = Index(ox + x, y, oz + z);
                    var at = Chunk.Index(x, y, z);
                    _sky[cell] = light.Sky[at];
                    _glow[cell] = light.Block[at];
                    _light[cell] = Math.Max(light.Sky[at], light.Block[at]);
                }
            }
        }
    }

    /// <summary>The height of the first cell above the ground of a column: where something standing there has its feet.</summary>
    private int Surface(int x, int z)
    {
        var y = SizeY - 1;
        while (y >= 0 && !Solid(_blocks[Index(x, y, z)]) && _blocks[Index(x, y, z)] != Block.Water)
        {
            y--;
        }

        return y + 1;
    }

    private static bool Solid(byte block) => block is not (Block.Air or Block.Water or Block.Torch);
}
