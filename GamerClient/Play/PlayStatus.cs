namespace P2C2R.GamerClient.Play;

/// <summary>
/// The latest frame and what the status line says about it, as the view takes it from
/// <see cref="FrameHandOff"/>: <see cref="Rgb"/> stays untouched until the view's next take.
/// </summary>
public sealed record PlayStatus(long Tick, byte[] Rgb, int Width, int Height, double Fps, double LatencyMs, int Helpers, long Validated, string Caption);
