using MessagePack;

namespace P2C2R.Tasks.Codec;

/// <summary>
/// Input of <c>codec.deflate</c>: <c>[previous: bin, current: bin, level: int]</c>. An empty
/// previous frame makes a key frame; otherwise both frames have the same length and the bytes
/// compressed are <c>current − previous</c> modulo 256. Level 1..9 bounds the match search.
/// </summary>
public sealed record DeltaDeflateInput(byte[] Previous, byte[] Current, int Level) : ITaskPayload<DeltaDeflateInput>
{
    public static DeltaDeflateInput Read(ref MessagePackReader reader)
    {
        Payload.ReadFields(ref reader, 3, nameof(DeltaDeflateInput));
        return new DeltaDeflateInput(Payload.ReadBytes(ref reader, "previous"), Payload.ReadBytes(ref reader, "current"), reader.ReadInt32());
    }

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(3);
        writer.Write(Previous);
        writer.Write(Current);
        writer.Write(Level);
    }
}

/// <summary>Output of <c>codec.deflate</c>: <c>[keyFrame: bool, rawLength: int, deflate: bin]</c> (raw RFC 1951 stream).</summary>
public sealed record DeltaDeflateOutput(bool KeyFrame, int RawLength, byte[] Deflate) : ITaskPayload<DeltaDeflateOutput>
{
    public static DeltaDeflateOutput Read(ref MessagePackReader reader)
    {
        Payload.ReadFields(ref reader, 3, nameof(DeltaDeflateOutput));
        return new DeltaDeflateOutput(reader.ReadBoolean(), reader.ReadInt32(), Payload.ReadBytes(ref reader, "deflate"));
    }

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(3);
        writer.Write(KeyFrame);
        writer.Write(RawLength);
        writer.Write(Deflate);
    }
}
