namespace P2C2R.Remote.Transport;

/// <summary>The byte after each frame's length: what the rest of the frame is.</summary>
public enum FrameKind : byte
{
    Associate = 1,
    AssociateAck = 2,
    AssociateRefused = 3,
    Message = 4,
    Fragment = 5,
    Heartbeat = 6,
    Disassociate = 7,
}
