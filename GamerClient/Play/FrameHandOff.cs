namespace P2C2R.GamerClient.Play;

/// <summary>
/// Hands the newest decoded frame from the play actor to the terminal view, which draws on its
/// own thread at its own pace. Two buffers swap under a lock: the actor copies each frame into the
/// back one, the view takes the front one and may read it until it takes again, so neither side
/// waits for the other's work and no frame-sized array is allocated per frame.
/// </summary>
public sealed class FrameHandOff
{
    private readonly Lock _gate = new();
    private byte[] _back = [];
    private byte[] _front = [];
    private (long Tick, int Width, int Height, double Fps, double LatencyMs, int Helpers, long Validated, string Caption) _meta;
    private bool _fresh;

    /// <summary>Actor side: the frame just decoded replaces any frame not taken yet.</summary>
    public void Offer(long tick, ReadOnlySpan<byte> rgb, int width, int height, double fps, double latencyMs, int helpers, long validated, string caption)
    {
        lock (_gate)
        {
            if (_back.Length != rgb.Length)
            {
                _back = new byte[rgb.Length];
            }

            rgb.CopyTo(_back);
            _meta = (tick, width, height, fps, latencyMs, helpers, validated, caption);
            _fresh = true;
        }
    }

    /// <summary>View side: the newest frame offered since the last take, if any.</summary>
    public bool TryTake(out PlayStatus status)
    {
        lock (_gate)
        {
            if (!_fresh)
            {
                status = null!;
                return false;
            }

            (_front, _back) = (_back, _front);
            _fresh = false;
            var m = _meta;
            status = new PlayStatus(m.Tick, _front, m.Width, m.Height, m.Fps, m.LatencyMs, m.Helpers, m.Validated, m.Caption);
            return true;
        }
    }
}
