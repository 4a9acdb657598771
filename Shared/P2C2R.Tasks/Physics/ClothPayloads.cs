using MessagePack;

namespace P2C2R.Tasks.Physics;

/// <summary>
/// Input of <c>physics.cloth</c>: <c>[width, height, iterations, dt, gravity, restLength, damping,
/// positions: bin, previous: bin, pinned: bin]</c>. Numbers are Q16.16; particles are row-major,
/// 3 int32 each (x, y, z); <c>pinned</c> is a bitmap, bit i of byte i/8 for particle i.
/// </summary>
public sealed record ClothInput(
    int Width, int Height, int Iterations, int Dt, int Gravity, int RestLength, int Damping,
    int[] Positions, int[] Previous, byte[] Pinned) : ITaskPayload<ClothInput>
{
    public int Count => Width * Height;

    public bool IsPinned(int particle) => (Pinned[particle >> 3] & (1 << (particle & 7))) != 0;

    public static ClothInput Read(ref MessagePackReader reader)
    {
        Payload.ReadFields(ref reader, 10, nameof(ClothInput));
        return new ClothInput(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(),
            reader.ReadInt32(), reader.ReadInt32(), Payload.ReadInts(ref reader, "positions"), Payload.ReadInts(ref reader, "previous"),
            Payload.ReadBytes(ref reader, "pinned"));
    }

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(10);
        writer.Write(Width);
        writer.Write(Height);
        writer.Write(Iterations);
        writer.Write(Dt);
        writer.Write(Gravity);
        writer.Write(RestLength);
        writer.Write(Damping);
        Payload.WriteInts(ref writer, Positions);
        Payload.WriteInts(ref writer, Previous);
        writer.Write(Pinned);
    }
}

/// <summary>Output of <c>physics.cloth</c>: <c>[positions: bin, previous: bin]</c>, ready to be the next step's input.</summary>
public sealed record ClothOutput(int[] Positions, int[] Previous) : ITaskPayload<ClothOutput>
{
    public static ClothOutput Read(ref MessagePackReader reader)
    {
        Payload.ReadFields(ref reader, 2, nameof(ClothOutput));
        return new ClothOutput(Payload.ReadInts(ref reader, "positions"), Payload.ReadInts(ref reader, "previous"));
    }

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(2);
        Payload.WriteInts(ref writer, Positions);
        Payload.WriteInts(ref writer, Previous);
    }
}
