namespace P2C2R.Remote;

/// <summary>Heartbeats in and out, and the failure detector's verdict on the remote system.</summary>
internal sealed partial class Association
{
    /// <summary>Called on each heartbeat tick: sends one and updates reachability.</summary>
    public void OnHeartbeatTick()
    {
        SendHeartbeat();
        bool? changed = null;
        lock (_gate)
        {
            if (!_detector.IsMonitoring)
            {
                return;
            }

            var available = _detector.IsAvailable;
            if (available == _unreachable)
            {
                _unreachable = !available;
                changed = available;
            }
        }

        if (changed is { } reachable)
        {
            _transport.OnReachabilityChanged(this, reachable);
        }
    }

    public double Phi()
    {
        lock (_gate)
        {
            return _detector.Phi();
        }
    }

    private void OnHeartbeat()
    {
        bool cameBack;
        lock (_gate)
        {
            _detector.Heartbeat();
            cameBack = _unreachable;
            _unreachable = false;
        }

        if (cameBack)
        {
            _transport.OnReachabilityChanged(this, reachable: true);
        }
    }
}
