using System.Buffers.Binary;
using P2C2R.Tasks;

namespace P2C2R.Sandbox.Protocol;

/// <summary>
/// Framing on the worker's stdin/stdout: a 4-byte little-endian length, then one MessagePack
/// value. A length above the cap ends the conversation instead of allocating it.
/// </summary>
internal static class PipeFrames
{
    public static async ValueTask WriteAsync<T>(Stream stream, T message, CancellationToken cancellation) where T : ITaskPayload<T>
    {
        var body = Payload.Encode(message);
        var frame = new byte[4 + body.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, body.Length);
        body.CopyTo(frame, 4);
        await stream.WriteAsync(frame, cancellation).ConfigureAwait(false);
        await stream.FlushAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>Reads one message, or returns null at a clean end of stream.</summary>
    public static async ValueTask<T?> ReadAsync<T>(Stream stream, int maxBytes, CancellationToken cancellation) where T : class, ITaskPayload<T>
    {
        var header = new byte[4];
        if (await stream.ReadAtLeastAsync(header, 4, throwOnEndOfStream: false, cancellation).ConfigureAwait(false) < 4)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < 0 || length > maxBytes)
        {
            throw new InvalidDataException($"a frame of {length} bytes exceeds the limit of {maxBytes}");
        }

        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellation).ConfigureAwait(false);
        return Payload.Decode<T>(body);
    }
}
