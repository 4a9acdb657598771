using MessagePack;

namespace P2C2R.Tasks.Physics;

/// <summary>
/// Input of <c>physics.rigid</c>: <c>[dt, gravity, restitution, bodies: bin]</c>, all Q16.16.
/// Each body is 12 little-endian int32: id, shape (0 sphere, 1 axis-aligned box), mass (0 =
/// static), position x y z, velocity x y z, size x y z (a sphere's radius is size x; a box's
/// sizes are half extents). Gravity acts along −y when positive.
/// </summary>
public sealed record RigidInput(int Dt, int Gravity, int Restitution, int[] Bodies) : ITaskPayload<RigidInput>
{
    public int Count => Bodies.Length / RigidBody.Fields;

    public static RigidInput Read(ref MessagePackReader reader)
    {
        Payload.ReadFields(ref reader, 4, nameof(RigidInput));
        return new RigidInput(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), Payload.ReadInts(ref reader, "bodies"));
    }

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(4);
        writer.Write(Dt);
        writer.Write(Gravity);
        writer.Write(Restitution);
        Payload.WriteInts(ref writer, Bodies);
    }
}

/// <summary>
/// Output of <c>physics.rigid</c>: <c>[bodies: bin, pairs: bin]</c>: the bodies after the step in
/// the input's layout and order, and the colliding pairs as int32 body indices (a &lt; b), ascending.
/// </summary>
public sealed record RigidOutput(int[] Bodies, int[] Pairs) : ITaskPayload<RigidOutput>
{
    public static RigidOutput Read(ref MessagePackReader reader)
    {
        Payload.ReadFields(ref reader, 2, nameof(RigidOutput));
        return new RigidOutput(Payload.ReadInts(ref reader, "bodies"), Payload.ReadInts(ref reader, "pairs"));
    }

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(2);
        Payload.WriteInts(ref writer, Bodies);
        Payload.WriteInts(ref writer, Pairs);
    }
}

/// <summary>Field offsets of one body in the int32 layout of <see cref="RigidInput"/>.</summary>
public static class RigidBody
{
    public const int Fields = 12;
    public const int Id = 0;
    public const int Shape = 1;
    public const int Mass = 2;
    public const int Position = 3;
    public const int Velocity = 6;
    public const int Size = 9;
    public const int Sphere = 0;
    public const int Box = 1;
}
