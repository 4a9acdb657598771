namespace P2C2R.GamerClient.Play;

/// <summary>
/// What the play actor is asked to do: start a session at <see cref="TicksPerSecond"/> (0: the
/// coordinator's default) or resume <see cref="ResumeSessionId"/>; steer by itself
/// (<see cref="Autopilot"/>, for headless runs); record frames; log their arrival; hand frames to a view. After a
/// lost connection it asks to resume every <see cref="ResumeRetry"/> while the coordinator does not
/// know the session yet (a restarted one is still recovering), at most <see cref="ResumeAttempts"/> times.
/// </summary>
public sealed record PlayOptions(int TicksPerSecond = 0, string? ResumeSessionId = null, bool Autopilot = false, FrameRecorder? Recorder = null, FrameHandOff? View = null, FrameLog? FrameLog = null)
{
    public TimeSpan ResumeRetry { get; init; } = TimeSpan.FromSeconds(1);

    public int ResumeAttempts { get; init; } = 30;

    /// <summary>How often the autopilot looks at its key pattern.</summary>
    public TimeSpan SteerEvery { get; init; } = TimeSpan.FromMilliseconds(250);
}
