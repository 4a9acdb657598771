using P2C2R.Tasks.Render;
using P2C2R.Tasks.World;

namespace P2C2R.Tasks.Golden;

/// <summary>
/// Deterministic scenes shared by the golden inputs, the frame figure and the benchmarks: a
/// terrain chunk and a camera looking across it, built from fixed seeds.
/// </summary>
public static class Scenes
{
    public const int FrameWidth = 256;
    public const int FrameHeight = 144;
    public const int TraceWidth = 128;
    public const int TraceHeight = 72;

    public static TerrainInput Terrain(int chunkX = 0, int chunkZ = 0) => new(0x5EED_0001UL, chunkX, chunkZ, 64, 24, 4, 9000);

    /// <summary>A 48 × 40 × 48 scene: four terrain chunks' worth of land with a lit torch and a glass block.</summary>
    public static byte[] VoxelScene(out int sizeX, out int sizeY, out int sizeZ)
    {
        sizeX = 48;
        sizeY = 40;
        sizeZ = 48;
        var scene = new byte[sizeX * sizeY * sizeZ];
        for (var cz = 0; cz < 3; cz++)
        {
            for (var cx = 0; cx < 3; cx++)
            {
                var chunk = TaskExecutors.Terrain.Run(Terrain(cx, cz)).Blocks;
                for (var y = 0; y < sizeY; y++)
                {
                    for (var z = 0; z < Chunk.Size; z++)
                    {
                        for (var x = 0; x < Chunk.Size; x++)
                        {
                            scene[(y * sizeZ + cz * 16 + z) * sizeX + cx * 16 + x] = chunk[Chunk.Index(x, y + 4, z)];
                        }
                    }
                }
            }
        }

        scene[(30 * sizeZ + 20) * sizeX + 20] = Block.Glass;
        scene[(29 * sizeZ + 24) * sizeX + 26] = Block.Torch;
        return scene;
    }

    public static Camera Camera(double yawStep = 0) =>
        Render.Camera.Looking(new Vector3d(4.5, 34.5, 5.5), new Vector3d(0.62 + yawStep, -0.28, 0.73 - yawStep), (double)FrameWidth / FrameHeight, 0.6);

    public static RaytraceInput Trace(byte[] scene, int sizeX, int sizeY, int sizeZ, Camera camera, int tileX = 0, int tileY = 0, int tileWidth = TraceWidth, int tileHeight = TraceHeight) =>
        new(sizeX, sizeY, sizeZ, scene, TraceWidth, TraceHeight, tileX, tileY, tileWidth, tileHeight, camera, new Vector3d(0.4, 0.8, 0.3), 60.0);
}
