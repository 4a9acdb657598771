namespace P2C2R.Coordinator.Sessions;

/// <summary>How a session turns a frame's traced bands into the delta its gamer is sent.</summary>
public enum FrameFinish
{
    /// <summary>
    /// One <c>render.finish</c> task naming this frame's bands and the last one's: the upscaled
    /// frame, the bulk of a frame's bytes, never travels back to the coordinator.
    /// </summary>
    OneTask,

    /// <summary>
    /// <c>render.upscale</c>, then <c>codec.deflate</c> against the frame upscaled before: for a
    /// fleet of helpers that run only those (a helper written before <c>render.finish</c>).
    /// </summary>
    UpscaleThenDeflate,
}
