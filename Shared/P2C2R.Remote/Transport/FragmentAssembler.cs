using System.Buffers;
using P2C2R.MessagePack;

namespace P2C2R.Remote.Transport;

/// <summary>
/// Joins the fragments of one large message. Fragments of a message arrive in order on one
/// connection, one message at a time; a fragment of another id before the last one is a
/// protocol violation, as is a message over the maximum size. The buffer is reused from one
/// message to the next: a message is delivered (and copied out by its formatter) before the
/// next fragment is read.
/// </summary>
internal sealed class FragmentAssembler
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private bool _inProgress;
    private ulong _id;

    /// <summary>Adds a fragment frame's body; returns the whole message when this was the last fragment.</summary>
    public bool TryAdd(ReadOnlySequence<byte> fragmentBody, int maximumMessageSize, out ReadOnlyMemory<byte> message)
    {
        message = default;
        var reader = new MessagePackReader(fragmentBody);
        if (reader.ReadArrayHeader() < 3)
        {
            throw new FrameException("a fragment is [id, last, bytes]");
        }

        var id = reader.ReadUInt64();
        var last = reader.ReadBoolean();
        var chunk = reader.ReadBinary();
        if (!_inProgress)
        {
            _buffer.ResetWrittenCount();
            _inProgress = true;
            _id = id;
        }
        else if (id != _id)
        {
            throw new FrameException($"fragment of message {id} arrived before message {_id} was complete");
        }

        if (_buffer.WrittenCount + chunk.Length > maximumMessageSize)
        {
            throw new FrameException($"fragmented message exceeds the maximum message size of {maximumMessageSize} bytes");
        }

        chunk.CopyTo(_buffer.GetSpan((int)chunk.Length));
        _buffer.Advance((int)chunk.Length);
        if (!last)
        {
            return false;
        }

        message = _buffer.WrittenMemory;
        _inProgress = false;
        return true;
    }
}
