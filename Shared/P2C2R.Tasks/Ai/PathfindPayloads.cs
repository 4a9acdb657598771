using MessagePack;

namespace P2C2R.Tasks.Ai;

/// <summary>Which search <c>ai.pathfind</c> runs. Both return an optimal path; A* expands fewer cells.</summary>
public enum PathAlgorithm
{
    AStar = 0,
    Dijkstra = 1,
}

/// <summary>
/// Input of <c>ai.pathfind</c>: <c>[sizeX, sizeY, sizeZ, costs: bin, start, goal, algorithm]</c>.
/// One byte per cell indexed <c>(z·sizeY + y)·sizeX + x</c>: 0 is a wall, 1..255 the cost of
/// stepping into the cell. A 2D grid has sizeZ = 1. Moves go to the 4 (2D) or 6 (3D) face neighbours.
/// </summary>
public sealed record PathfindInput(int SizeX, int SizeY, int SizeZ, byte[] Costs, int Start, int Goal, PathAlgorithm Algorithm)
    : ITaskPayload<PathfindInput>
{
    public static PathfindInput Read(ref MessagePackReader reader)
    {
        Payload.ReadFields(ref reader, 7, nameof(PathfindInput));
        return new PathfindInput(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(),
            Payload.ReadBytes(ref reader, "costs", maxLength: PathfindExecutor.MaxCells),
            reader.ReadInt32(), reader.ReadInt32(), (PathAlgorithm)reader.ReadInt32());
    }

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(7);
        writer.Write(SizeX);
        writer.Write(SizeY);
        writer.Write(SizeZ);
        writer.Write(Costs);
        writer.Write(Start);
        writer.Write(Goal);
        writer.Write((int)Algorithm);
    }
}

/// <summary>
/// Output of <c>ai.pathfind</c>: <c>[found: bool, cost: int, path: bin]</c>; the path is the
/// little-endian int32 cell indices from start to goal inclusive, empty when not found.
/// </summary>
public sealed record PathfindOutput(bool Found, long Cost, int[] Path) : ITaskPayload<PathfindOutput>
{
    public static PathfindOutput Read(ref MessagePackReader reader)
    {
        Payload.ReadFields(ref reader, 3, nameof(PathfindOutput));
        var found = reader.ReadBoolean();
        var cost = reader.ReadInt64();
        var path = Payload.ReadInts(ref reader, "path");
        return new PathfindOutput(found, cost, path);
    }

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(3);
        writer.Write(Found);
        writer.Write(Cost);
        Payload.WriteInts(ref writer, Path);
    }
}
