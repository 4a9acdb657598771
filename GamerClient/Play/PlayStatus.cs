namespace P2C2R.GamerClient.Play;

/// <summary>The latest frame and what the status line says about it: an immutable hand-over from the play actor to the view.</summary>
public sealed record PlayStatus(long Tick, byte[] Rgb, int Width, int Height, double Fps, double LatencyMs, int Helpers, long Validated, string Caption);
