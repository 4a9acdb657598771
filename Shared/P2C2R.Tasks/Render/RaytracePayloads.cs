using MessagePack;
using P2C2R.Tasks.Codec;

namespace P2C2R.Tasks.Render;

/// <summary>
/// A pinhole camera as four vectors rather than angles, so no trigonometry runs on a helper:
/// the ray through normalized screen point (u, v) in [−1, 1] is <c>Forward + u·Right + v·Up</c>.
/// </summary>
public readonly record struct Camera(Vector3d Origin, Vector3d Forward, Vector3d Right, Vector3d Up)
{
    /// <summary>
    /// A level camera at <paramref name="origin"/> looking along <paramref name="direction"/>: right is
    /// horizontal, up completes the frame, and <paramref name="scale"/> sets the vertical field of view.
    /// </summary>
    public static Camera Looking(Vector3d origin, Vector3d direction, double aspect, double scale)
    {
        var forward = direction.Normalized();
        var right = new Vector3d(-forward.Z, 0, forward.X).Normalized();
        var up = new Vector3d(
            right.Y * forward.Z - right.Z * forward.Y,
            right.Z * forward.X - right.X * forward.Z,
            right.X * forward.Y - right.Y * forward.X);
        return new Camera(origin, forward, right * (scale * aspect), up * scale);
    }
}

/// <summary>
/// Input of <c>render.raytrace</c>: <c>[sizeX, sizeY, sizeZ, blocks: bin, imageWidth, imageHeight,
/// tileX, tileY, tileWidth, tileHeight, camera: [12 × float64], sun: [3 × float64], fogDistance: float64,
/// light?: bin | nil, overlay?: bin]</c> (13, 14 or 15 fields). Blocks are indexed
/// <c>(y·sizeZ + z)·sizeX + x</c> and travel run-length coded (<see cref="RunLength"/>); the sun
/// vector points towards the sun. The optional 14th field is a light level 0..15 per cell in the
/// same layout and coding (a <c>world.lighting</c> result), or nil for none: with it, a surface's
/// ambient light is that of the cell it faces, so caves are dark and torches glow. The optional
/// 15th field is a <see cref="SceneOverlay"/> of painted cells, written over the blocks before
/// tracing, so what moves every tick stays out of the big blocks field.
/// </summary>
public sealed record RaytraceInput(
    int SizeX, int SizeY, int SizeZ, byte[] Blocks,
    int ImageWidth, int ImageHeight, int TileX, int TileY, int TileWidth, int TileHeight,
    Camera Camera, Vector3d Sun, double FogDistance, byte[]? Light = null, byte[]? Overlay = null) : ITaskPayload<RaytraceInput>
{
    public static RaytraceInput Read(ref MessagePackReader reader)
    {
        var fields = reader.ReadArrayHeader();
        TaskInputException.Require(fields is >= 13 and <= 15, $"{nameof(RaytraceInput)} has {fields} fields; expected 13, 14 with light, or 15 with light (or nil) and overlay");
        var sizeX = reader.ReadInt32();
        var sizeY = reader.ReadInt32();
        var sizeZ = reader.ReadInt32();
        var blocks = RunLength.Read(ref reader, "blocks", RaytraceExecutor.SceneCells(sizeX, sizeY, sizeZ));
        var imageWidth = reader.ReadInt32();
        var imageHeight = reader.ReadInt32();
        var tileX = reader.ReadInt32();
        var tileY = reader.ReadInt32();
        var tileWidth = reader.ReadInt32();
        var tileHeight = reader.ReadInt32();
        TaskInputException.Require(reader.ReadArrayHeader() == 12, "camera must have 12 numbers: origin, forward, right, up");
        var camera = new Camera(Vector3d.Read(ref reader), Vector3d.Read(ref reader), Vector3d.Read(ref reader), Vector3d.Read(ref reader));
        TaskInputException.Require(reader.ReadArrayHeader() == 3, "sun must have 3 numbers");
        var sun = Vector3d.Read(ref reader);
        var fog = reader.ReadStrictDouble();
        var light = fields >= 14 && !reader.TryReadNil() ? RunLength.Read(ref reader, "light", blocks.Length) : null;
        var overlay = fields == 15 ? SceneOverlay.Read(ref reader) : null;
        return new RaytraceInput(sizeX, sizeY, sizeZ, blocks, imageWidth, imageHeight, tileX, tileY, tileWidth, tileHeight, camera, sun, fog, light, overlay);
    }

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(Overlay is not null ? 15 : Light is not null ? 14 : 13);
        writer.Write(SizeX);
        writer.Write(SizeY);
        writer.Write(SizeZ);
        RunLength.Write(ref writer, Blocks);
        writer.Write(ImageWidth);
        writer.Write(ImageHeight);
        writer.Write(TileX);
        writer.Write(TileY);
        writer.Write(TileWidth);
        writer.Write(TileHeight);
        writer.WriteArrayHeader(12);
        Camera.Origin.Write(ref writer);
        Camera.Forward.Write(ref writer);
        Camera.Right.Write(ref writer);
        Camera.Up.Write(ref writer);
        writer.WriteArrayHeader(3);
        Sun.Write(ref writer);
        writer.Write(FogDistance);
        if (Light is not null)
        {
            RunLength.Write(ref writer, Light);
        }
        else if (Overlay is not null)
        {
            writer.WriteNil();
        }

        if (Overlay is not null)
        {
            writer.Write(Overlay);
        }
    }
}

/// <summary>Output of <c>render.raytrace</c> and <c>render.upscale</c>: <c>[rgb: bin]</c>, row-major, 3 bytes per pixel.</summary>
public sealed record ImageOutput(byte[] Rgb) : ITaskPayload<ImageOutput>
{
    public static ImageOutput Read(ref MessagePackReader reader)
    {
        Payload.ReadFields(ref reader, 1, nameof(ImageOutput));
        return new ImageOutput(Payload.ReadBytes(ref reader, "rgb"));
    }

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(1);
        writer.Write(Rgb);
    }
}
