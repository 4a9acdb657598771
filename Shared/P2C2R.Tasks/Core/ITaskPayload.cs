using MessagePack;

namespace P2C2R.Tasks;

/// <summary>
/// A task input or output with a hand-written MessagePack form (an array of fields, documented in
/// docs/PROTOCOL.md), so a helper in any language can produce byte-identical results.
/// </summary>
public interface ITaskPayload<TSelf> where TSelf : ITaskPayload<TSelf>
{
    static abstract TSelf Read(ref MessagePackReader reader);

    void Write(ref MessagePackWriter writer);
}
