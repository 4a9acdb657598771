using MessagePack;

namespace P2C2R.Tasks.Render;

/// <summary>
/// Input of <c>render.finish</c>: <c>[current: upscale input, previous: upscale input | nil,
/// level: 1..9]</c>. Both upscale inputs are <c>render.upscale</c> inputs of whole frames of the
/// same shape; a session sends each as its frame's traced bands (strips), which the helper that
/// traced them already holds. A nil previous makes a key frame.
/// </summary>
public sealed record FinishInput(UpscaleInput Current, UpscaleInput? Previous, int Level) : ITaskPayload<FinishInput>
{
    public static FinishInput Read(ref MessagePackReader reader)
    {
        Payload.ReadFields(ref reader, 3, nameof(FinishInput));
        var current = UpscaleInput.Read(ref reader);
        var previous = reader.TryReadNil() ? null : UpscaleInput.Read(ref reader);
        return new FinishInput(current, previous, reader.ReadInt32());
    }

    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(3);
        Current.Write(ref writer);
        if (Previous is null)
        {
            writer.WriteNil();
        }
        else
        {
            Previous.Write(ref writer);
        }

        writer.Write(Level);
    }
}
