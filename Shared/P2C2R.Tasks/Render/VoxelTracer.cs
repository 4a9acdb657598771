using P2C2R.Tasks.World;

namespace P2C2R.Tasks.Render;

/// <summary>
/// Shades one pixel of a voxel scene: a primary ray walked through the grid cell by cell
/// (Amanatides–Woo), a hard shadow ray towards the sun, one mirror bounce on reflective blocks,
/// and distance fog. Every pixel is independent, which is what lets a verifier recompute a
/// random sample of them.
/// </summary>
internal sealed class VoxelTracer
{
    private const double Ambient = 0.35;
    private const double Epsilon = 1e-4;
    private static readonly Vector3d Horizon = new(0.75, 0.85, 0.95);
    private static readonly Vector3d Zenith = new(0.35, 0.55, 0.90);

    private readonly RaytraceInput _scene;
    private readonly byte[] _blocks;
    private readonly Vector3d _sun;
    private readonly double _maxDistance;

    public VoxelTracer(RaytraceInput scene)
    {
        _scene = scene;
        _blocks = Painted(scene);
        _sun = scene.Sun.Normalized();
        _maxDistance = scene.SizeX + scene.SizeY + scene.SizeZ;
    }

    /// <summary>The pixel at image coordinates (x, y) as 0xRRGGBB.</summary>
    public int Shade(int x, int y)
    {
        var camera = _scene.Camera;
        var u = 2.0 * (x + 0.5) / _scene.ImageWidth - 1.0;
        var v = 1.0 - 2.0 * (y + 0.5) / _scene.ImageHeight;
        var direction = (camera.Forward + camera.Right * u + camera.Up * v).Normalized();
        var colour = Radiance(camera.Origin, direction, bounce: true, out var distance);
        var fog = Math.Min(1.0, distance / _scene.FogDistance);
        fog *= fog;
        colour = colour * (1.0 - fog) + Horizon * fog;
        return (Quantize(colour.X) << 16) | (Quantize(colour.Y) << 8) | Quantize(colour.Z);
    }

    private Vector3d Radiance(Vector3d origin, Vector3d direction, bool bounce, out double distance)
    {
        if (!Trace(origin, direction, _maxDistance, out var hit))
        {
            distance = _maxDistance;
            return Sky(direction);
        }

        distance = hit.Distance;
        var block = hit.Block;
        var colour = Unpack(Block.ColourOf(block));
        var normal = hit.Normal;
        var point = origin + direction * hit.Distance + normal * Epsilon;
        double light;
        if (Block.EmissionOf(block) > 0)
        {
            light = 1.0;
        }
        else
        {
            var facing = normal.Dot(_sun);
            light = Ambient * AmbientShare(point);
            if (facing > 0 && !Trace(point, _sun, _maxDistance, out _, shadowOnly: true))
            {
                light += (1.0 - Ambient) * facing;
            }
        }

        colour *= light;
        var reflectivity = Block.ReflectivityOf(block);
        if (bounce && reflectivity > 0)
        {
            var axis = hit.Axis;
            var reflected = new Vector3d(axis == 0 ? -direction.X : direction.X, axis == 1 ? -direction.Y : direction.Y, axis == 2 ? -direction.Z : direction.Z);
            var mirror = Radiance(point, reflected, bounce: false, out _);
            var share = reflectivity / 256.0;
            colour = colour * (1.0 - share) + mirror * share;
        }

        return colour;
    }

    /// <summary>1 without a light field; else the level of the cell the surface faces, from a floor of 1/5 at level 0.</summary>
    private double AmbientShare(Vector3d point)
    {
        var light = _scene.Light;
        if (light is null)
        {
            return 1.0;
        }

        var x = Math.Clamp((int)Math.Floor(point.X), 0, _scene.SizeX - 1);
        var y = Math.Clamp((int)Math.Floor(point.Y), 0, _scene.SizeY - 1);
        var z = Math.Clamp((int)Math.Floor(point.Z), 0, _scene.SizeZ - 1);
        return 0.2 + 0.8 * light[(y * _scene.SizeZ + z) * _scene.SizeX + x] / 15.0;
    }

    /// <summary>The blocks with the overlay written over them: a copy (from the decode arena), so the input's own blocks never change.</summary>
    private static byte[] Painted(RaytraceInput scene)
    {
        if (scene.Overlay is not { Length: > 0 } overlay)
        {
            return scene.Blocks;
        }

        var blocks = DecodeArena.Rent(scene.Blocks.Length);
        scene.Blocks.CopyTo(blocks, 0);
        SceneOverlay.Apply(overlay, blocks);
        return blocks;
    }

    private static Vector3d Sky(Vector3d direction)
    {
        var up = Math.Clamp(direction.Y, 0.0, 1.0);
        return Horizon * (1.0 - up) + Zenith * up;
    }

    /// <summary>Walks the grid from <paramref name="origin"/>; a shadow query stops at the first block that casts a shadow.</summary>
    private bool Trace(Vector3d origin, Vector3d direction, double maxDistance, out Hit hit, bool shadowOnly = false)
    {
        hit = default;
        var sizeX = _scene.SizeX;
        var sizeY = _scene.SizeY;
        var sizeZ = _scene.SizeZ;
        if (!Enter(origin, direction, out var t, out var entryAxis))
        {
            return false;
        }

        var px = origin.X + direction.X * t;
        var py = origin.Y + direction.Y * t;
        var pz = origin.Z + direction.Z * t;
        var x = Math.Clamp((int)Math.Floor(px), 0, sizeX - 1);
        var y = Math.Clamp((int)Math.Floor(py), 0, sizeY - 1);
        var z = Math.Clamp((int)Math.Floor(pz), 0, sizeZ - 1);
        var stepX = direction.X > 0 ? 1 : -1;
        var stepY = direction.Y > 0 ? 1 : -1;
        var stepZ = direction.Z > 0 ? 1 : -1;
        var deltaX = direction.X == 0 ? double.PositiveInfinity : Math.Abs(1.0 / direction.X);
        var deltaY = direction.Y == 0 ? double.PositiveInfinity : Math.Abs(1.0 / direction.Y);
        var deltaZ = direction.Z == 0 ? double.PositiveInfinity : Math.Abs(1.0 / direction.Z);
        var nextX = direction.X == 0 ? double.PositiveInfinity : t + ((x + (stepX > 0 ? 1 : 0)) - px) / direction.X;
        var nextY = direction.Y == 0 ? double.PositiveInfinity : t + ((y + (stepY > 0 ? 1 : 0)) - py) / direction.Y;
        var nextZ = direction.Z == 0 ? double.PositiveInfinity : t + ((z + (stepZ > 0 ? 1 : 0)) - pz) / direction.Z;
        var axis = entryAxis;
        var blocks = _blocks;
        while (true)
        {
            var block = blocks[(y * sizeZ + z) * sizeX + x];
            if (block != Block.Air && (!shadowOnly || Block.IsOpaque(block) || block == Block.Leaves))
            {
                var normalAxis = axis >= 0 ? axis : DominantAxis(direction);
                var sign = normalAxis switch { 0 => -stepX, 1 => -stepY, _ => -stepZ };
                var normal = new Vector3d(normalAxis == 0 ? sign : 0, normalAxis == 1 ? sign : 0, normalAxis == 2 ? sign : 0);
                hit = new Hit(t, block, normalAxis, normal);
                return true;
            }

            if (nextX < nextY && nextX < nextZ)
            {
                x += stepX;
                t = nextX;
                nextX += deltaX;
                axis = 0;
                if ((uint)x >= (uint)sizeX)
                {
                    return false;
                }
            }
            else if (nextY < nextZ)
            {
                y += stepY;
                t = nextY;
                nextY += deltaY;
                axis = 1;
                if ((uint)y >= (uint)sizeY)
                {
                    return false;
                }
            }
            else
            {
                z += stepZ;
                t = nextZ;
                nextZ += deltaZ;
                axis = 2;
                if ((uint)z >= (uint)sizeZ)
                {
                    return false;
                }
            }

            if (t > maxDistance)
            {
                return false;
            }
        }
    }

    /// <summary>Slab test against the grid's box: the distance at which the ray enters it and through which face.</summary>
    private bool Enter(Vector3d origin, Vector3d direction, out double entry, out int axis)
    {
        entry = 0.0;
        axis = -1;
        var exit = double.PositiveInfinity;
        for (var a = 0; a < 3; a++)
        {
            var o = origin[a];
            var d = direction[a];
            double size = a switch { 0 => _scene.SizeX, 1 => _scene.SizeY, _ => _scene.SizeZ };
            if (d == 0)
            {
                if (o < 0 || o >= size)
                {
                    return false;
                }

                continue;
            }

            var near = (0 - o) / d;
            var far = (size - o) / d;
            if (near > far)
            {
                (near, far) = (far, near);
            }

            if (near > entry)
            {
                entry = near;
                axis = a;
            }

            exit = Math.Min(exit, far);
        }

        return entry <= exit;
    }

    private static int DominantAxis(Vector3d direction)
    {
        var ax = Math.Abs(direction.X);
        var ay = Math.Abs(direction.Y);
        var az = Math.Abs(direction.Z);
        return ax >= ay && ax >= az ? 0 : ay >= az ? 1 : 2;
    }

    private static Vector3d Unpack(int rgb) => new(((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0, (rgb & 0xFF) / 255.0);

    private static int Quantize(double channel) => (int)(Math.Clamp(channel, 0.0, 1.0) * 255.0 + 0.5);

    private readonly record struct Hit(double Distance, byte Block, int Axis, Vector3d Normal);
}
