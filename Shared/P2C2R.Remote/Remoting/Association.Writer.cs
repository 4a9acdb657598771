using System.Buffers;
using Microsoft.Extensions.Logging;
using P2C2R.MessagePack;
using P2C2R.Remote.Serialization;
using P2C2R.Remote.Transport;

namespace P2C2R.Remote;

/// <summary>
/// The writer loop of an association: it serializes queued envelopes into a reused buffer and
/// writes frames into the connection's pipe, flushing once per batch.
/// </summary>
internal sealed partial class Association
{
    private async Task PumpAsync(Connection connection)
    {
        while (!connection.IsClosed)
        {
            // Reset before looking at the queues: a send after this point raises the flag again and
            // writes a wake-up token, so nothing enqueued can be missed. A token left over from
            // earlier only causes one extra, empty pass.
            Volatile.Write(ref _wakeRequested, 0);

            var framesBefore = connection.FramesWritten;
            var more = WriteBatch(connection, out var wrote);
            if (wrote)
            {
                Volatile.Write(ref _framesWritten, _framesWritten + connection.FramesWritten - framesBefore);
                Volatile.Write(ref _flushes, _flushes + 1);
                if (!await connection.FlushAsync().ConfigureAwait(false))
                {
                    return;
                }
            }

            if (_closeAfterFlush)
            {
                connection.Close("this system disassociated", error: false);
                return;
            }

            if (!more)
            {
                await _wake.Reader.ReadAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Writes up to one batch into the pipe: control traffic, then one fragment of the bulk lane,
    /// then ordinary messages. Returns whether more is waiting.
    /// </summary>
    private bool WriteBatch(Connection connection, out bool wrote)
    {
        wrote = DrainControl(connection);
        for (var fragments = 0; fragments < BulkFragmentsPerBatch && WriteBulk(connection); fragments++)
        {
            wrote = true;
            if (!_control.IsEmpty || !_user.IsEmpty)
            {
                break;
            }
        }

        var n = 0;
        for (; n < BatchMessages && _user.TryDequeue(out var envelope); n++)
        {
            if (Serialize(envelope))
            {
                WriteSerialized(connection);
                wrote = true;
            }

            if (n % ControlCheckEvery == ControlCheckEvery - 1)
            {
                DrainControl(connection);
            }
        }

        Interlocked.Add(ref _userCount, -n);

        return HasOutbound || _large is not null;
    }

    /// <summary>Sends the next fragment of the large message in progress, or starts the next bulk message.</summary>
    private bool WriteBulk(Connection connection)
    {
        if (_large is null)
        {
            while (_largeWaiting.Count == 0 && _bulk.TryDequeue(out var envelope))
            {
                Interlocked.Decrement(ref _userCount);
                if (Serialize(envelope))
                {
                    WriteSerialized(connection);
                    return true;
                }
            }

            if (_largeWaiting.Count == 0)
            {
                return false;
            }

            StartNextLarge();
        }

        WriteNextFragment(connection);
        return true;
    }

    /// <summary>Writes the scratch buffer as one frame, or queues it for fragments when it is large.</summary>
    private void WriteSerialized(Connection connection)
    {
        if (_scratch.WrittenCount <= _transport.Settings.FragmentSize)
        {
            connection.WriteFrame(FrameKind.Message, _scratch.WrittenSpan);
            return;
        }

        var copy = ArrayPool<byte>.Shared.Rent(_scratch.WrittenCount);
        _scratch.WrittenSpan.CopyTo(copy);
        _largeWaiting.Enqueue((copy, _scratch.WrittenCount));
        if (_large is null)
        {
            StartNextLarge();
            WriteNextFragment(connection);
        }
    }

    private bool DrainControl(Connection connection)
    {
        var wrote = false;
        while (_control.TryDequeue(out var envelope))
        {
            if (envelope.Kind == EnvelopeKind.Heartbeat)
            {
                connection.WriteFrame(FrameKind.Heartbeat, []);
                wrote = true;
            }
            else if (envelope.Kind == EnvelopeKind.Disassociate)
            {
                _scratch.ResetWrittenCount();
                var writer = new MessagePackWriter(_scratch);
                writer.Write((string)envelope.Message);
                writer.Flush();
                connection.WriteFrame(FrameKind.Disassociate, _scratch.WrittenSpan);
                _closeAfterFlush = true;
                return true;
            }
            else if (Serialize(envelope))
            {
                connection.WriteFrame(FrameKind.Message, _scratch.WrittenSpan);
                wrote = true;
            }
        }

        return wrote;
    }

    private void StartNextLarge()
    {
        if (_large is not null)
        {
            ArrayPool<byte>.Shared.Return(_large);
        }

        (_large, _largeLength) = _largeWaiting.TryDequeue(out var next) ? next : (null!, 0);
        _largeOffset = 0;
        _nextFragmentId++;
    }

    private void WriteNextFragment(Connection connection)
    {
        var large = _large!;
        var size = Math.Min(_transport.Settings.FragmentSize, _largeLength - _largeOffset);
        var last = _largeOffset + size == _largeLength;
        _scratch.ResetWrittenCount();
        var writer = new MessagePackWriter(_scratch);
        writer.WriteArrayHeader(3);
        writer.Write(_nextFragmentId);
        writer.Write(last);
        writer.WriteBinary(large.AsSpan(_largeOffset, size));
        writer.Flush();
        connection.WriteFrame(FrameKind.Fragment, _scratch.WrittenSpan);
        _largeOffset += size;
        if (last)
        {
            StartNextLarge();
        }
    }

    /// <summary>Serializes an envelope into the scratch buffer; false (and a dead letter) when it cannot be sent.</summary>
    private bool Serialize(in OutboundEnvelope envelope)
    {
        var recipient = envelope.Recipient!;
        if (recipient.Incarnation != 0 && RemoteUid != 0 && recipient.Incarnation != RemoteUid)
        {
            DeadLetter(envelope, $"{RemoteAddress} restarted: the recipient belonged to incarnation {recipient.Incarnation}");
            return false;
        }

        var type = envelope.Type;
        _scratch.ResetWrittenCount();
        var writer = new MessagePackWriter(_scratch);
        try
        {
            Envelope.Write(ref writer, recipient.ElementsUtf8, recipient.Uid, envelope.Sender, envelope.Kind, type, envelope.Message, Context);
            writer.Flush();
        }
        catch (Exception exception)
        {
            _log.LogError(exception, "Cannot serialize {MessageType} for {Recipient}", envelope.Message.GetType().Name, recipient.Path);
            DeadLetter(envelope, $"serialization failed: {exception.Message}");
            return false;
        }

        if (_scratch.WrittenCount > _transport.Settings.MaximumMessageSize)
        {
            DeadLetter(envelope, $"{_scratch.WrittenCount} bytes exceed the maximum message size of {_transport.Settings.MaximumMessageSize}");
            return false;
        }

        return true;
    }
}
