namespace P2C2R.Remote;

/// <summary>
/// The association's run loop: find or dial a connection, pump into it, back off after failures,
/// and retire when idle.
/// </summary>
internal sealed partial class Association
{
    /// <summary>Runs for the association's lifetime: find a connection, pump into it, repeat.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var backoff = _transport.Settings.MinBackoff;
        while (!stopping.IsCancellationRequested)
        {
            var connection = Volatile.Read(ref _connection);
            if (connection is { IsClosed: false })
            {
                backoff = _transport.Settings.MinBackoff;
                await PumpAsync(connection).ConfigureAwait(false);
                var reason = await connection.Closed.ConfigureAwait(false);
                var lost = false;
                lock (_gate)
                {
                    if (_connection == connection)
                    {
                        _connection = null;
                        lost = true;
                    }
                }

                if (lost)
                {
                    _transport.OnDisconnected(this, reason);
                }

                Volatile.Write(ref _wakeRequested, 0);
                continue;
            }

            if (RemoteAddress.CanBeDialled && HasOutbound)
            {
                if (await _transport.DialAsync(this, stopping).ConfigureAwait(false))
                {
                    continue;
                }

                DropControlTraffic();
                await Task.Delay(Jitter(backoff), stopping).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _transport.Settings.MaxBackoff.Ticks));
                continue;
            }

            if (!await WaitForWakeAsync(stopping, _transport.Settings.IdleAssociationTimeout).ConfigureAwait(false) && TryRetire())
            {
                return;
            }
        }
    }

    /// <summary>
    /// Retires an association that has had no connection and nothing to send for the idle
    /// timeout, so helpers that come and go leave nothing behind. Refs that still point here
    /// forward to a fresh association.
    /// </summary>
    private bool TryRetire()
    {
        lock (_gate)
        {
            if (_connection is { IsClosed: false } || HasOutbound)
            {
                return false;
            }

            Volatile.Write(ref _retired, true);
        }

        _transport.Forget(this);
        ForwardIfRetired();
        return true;
    }

    /// <summary>Hands anything that raced into a retired association's queues to its successor.</summary>
    private void ForwardIfRetired()
    {
        if (!IsRetired || !HasOutbound)
        {
            return;
        }

        var successor = _transport.AssociationFor(RemoteAddress);
        foreach (var queue in new[] { _control, _user, _bulk })
        {
            while (queue.TryDequeue(out var envelope))
            {
                if (envelope.Kind == EnvelopeKind.User)
                {
                    Interlocked.Decrement(ref _userCount);
                }

                if (envelope.Kind is not (EnvelopeKind.Heartbeat or EnvelopeKind.Disassociate))
                {
                    successor.Send(envelope);
                }
            }
        }
    }

    public void Wake()
    {
        if (Volatile.Read(ref _wakeRequested) == 0 && Interlocked.CompareExchange(ref _wakeRequested, 1, 0) == 0)
        {
            _wake.Writer.TryWrite(0);
        }
    }

    /// <summary>Waits for a wake-up; false when <paramref name="idle"/> passed without one.</summary>
    private async ValueTask<bool> WaitForWakeAsync(CancellationToken stopping, TimeSpan idle)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(idle);
        var woken = true;
        try
        {
            await _wake.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            woken = stopping.IsCancellationRequested;
        }

        Volatile.Write(ref _wakeRequested, 0);
        return woken;
    }

    private static TimeSpan Jitter(TimeSpan backoff) =>
        backoff + TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * backoff.TotalMilliseconds * 0.2);
}
