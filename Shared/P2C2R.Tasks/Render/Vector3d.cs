using MessagePack;

namespace P2C2R.Tasks.Render;

/// <summary>
/// A double-precision vector whose operations are single IEEE additions, multiplications,
/// divisions and square roots: each is correctly rounded, so the ray tracer's results are the
/// same on every conforming CPU as long as the order of operations is fixed, as it is here.
/// </summary>
public readonly record struct Vector3d(double X, double Y, double Z)
{
    public static Vector3d operator +(Vector3d a, Vector3d b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    public static Vector3d operator -(Vector3d a, Vector3d b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    public static Vector3d operator *(Vector3d a, double s) => new(a.X * s, a.Y * s, a.Z * s);

    public double Dot(Vector3d other) => X * other.X + Y * other.Y + Z * other.Z;

    public double Length => Math.Sqrt(Dot(this));

    public Vector3d Normalized() => this * (1.0 / Length);

    public bool IsFinite => double.IsFinite(X) && double.IsFinite(Y) && double.IsFinite(Z);

    public double this[int axis] => axis switch { 0 => X, 1 => Y, _ => Z };

    public static Vector3d Read(ref MessagePackReader reader) => new(reader.ReadStrictDouble(), reader.ReadStrictDouble(), reader.ReadStrictDouble());

    public void Write(ref MessagePackWriter writer)
    {
        writer.Write(X);
        writer.Write(Y);
        writer.Write(Z);
    }
}
