using P2C2R.Tasks.Ai;
using P2C2R.Tasks.Codec;
using P2C2R.Tasks.Physics;
using P2C2R.Tasks.Render;
using P2C2R.Tasks.World;

namespace P2C2R.Tasks;

/// <summary>
/// The executors compiled into this build, by id. This is the whole set a helper can run: task
/// ids arriving from the network select one of these, and no code ever arrives with them.
/// </summary>
public static class TaskExecutors
{
    public static RigidExecutor Rigid { get; } = new();

    public static ClothExecutor Cloth { get; } = new();

    public static PathfindExecutor Pathfind { get; } = new();

    public static DialogueExecutor Dialogue { get; } = new();

    public static TerrainExecutor Terrain { get; } = new();

    public static LightingExecutor Lighting { get; } = new();

    public static RaytraceExecutor Raytrace { get; } = new();

    public static UpscaleExecutor Upscale { get; } = new();

    public static DeltaDeflateExecutor Deflate { get; } = new();

    public static FinishExecutor Finish { get; } = new();

    /// <summary>All executors in a fixed order (the order of docs/PROTOCOL.md).</summary>
    public static IReadOnlyList<ITaskExecutor> All { get; } = [Rigid, Cloth, Pathfind, Dialogue, Terrain, Lighting, Raytrace, Upscale, Deflate, Finish];

    public static bool TryGet(string id, out ITaskExecutor executor)
    {
        foreach (var candidate in All)
        {
            if (candidate.Type.Id == id)
            {
                executor = candidate;
                return true;
            }
        }

        executor = null!;
        return false;
    }
}
